import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { sym, num, int, call, type Term } from '../src/term/term.js';
import { fn, derivedFn } from '../src/term/operator.js';
import * as O from '../src/term/operators.js';
import { canonicalize } from '../src/term/canonical.js';
import { isExact } from '../src/term/number.js';
import { parse } from '../src/term/parse.js';
import { toSexpr } from '../src/term/sexpr.js';
import { toLatex, latexWith } from '../src/term/latex.js';
import { termOps } from '../src/term/interface.js';
import { ParseError, LimitError } from '../src/term/errors.js';
import { limits } from '../src/term/limits.js';
import { parseLatex, parseLatexEquations, latexFunctionNames } from '../src/term/latex-parse.js';
import { tokenizeLatex, appliedNames, bracedParen, isParenOpen, describeToken } from '../src/term/latex-lexer.js';
import { canonicalTerm, writtenTerm } from './support/arbitrary.js';
import { thrown, expectParseError } from './support/errors.js';

/** The written-mode reading as an S-expression; chains as their equations joined by ` ; `. */
const read = (src: string, constants = true): string =>
  parseLatexEquations(src, { constants }).map((t) => toSexpr(t)).join(' ; ');

describe('constructs of the derivation data, read as written', () => {
  // Each line: LaTeX from the data (ground truth or GPT-4), its reading.
  test.each([
    // Function application, SymPy's braced form.
    [String.raw`\eta{(a)}`, String.raw`(eta a)`],
    [String.raw`f{(x, y)}`, String.raw`(f x y)`],
    [String.raw`\mathbf{J}_P{(t_{2},L)}`, String.raw`(|\\mathbf{J}_{P}| t_2 L)`],
    [String.raw`\hat{\mathbf{r}}{(G,n)}`, String.raw`(|\\hat{\\mathbf{r}}| G n)`],
    [String.raw`\dot{\mathbf{r}}{(\lambda,c)}`, String.raw`(|\\dot{\\mathbf{r}}| lambda c)`],
    [String.raw`\log{(\mathbf{J}{(q)})}`, String.raw`(log (|\\mathbf{J}| q))`],
    [String.raw`\operatorname{J_{\varepsilon}}{(\mathbf{s})}`, String.raw`(J_varepsilon |\\mathbf{s}|)`],
    [String.raw`\operatorname{V_{\mathbf{B}}}{(P_{e})}`, String.raw`(|V_{\\mathbf{B}}| P_e)`],
    [String.raw`\operatorname{a^{\dagger}}{(u)}`, String.raw`(|a^{\\dagger}| u)`],
    [String.raw`\operatorname{f^{\prime}}{(x)}`, String.raw`(|f^{\\prime}| x)`],
    [String.raw`\operatorname{g^{\prime}_{\varepsilon}}{(x)}`, String.raw`(|g_{\\varepsilon}^{\\prime}| x)`],
    [String.raw`\operatorname{Ei}{(x)}`, String.raw`(Ei x)`],
    [String.raw`f{\left(x,y \right)}`, String.raw`(f x y)`],
    // Powers of applications.
    [String.raw`\eta^{2}{(a)}`, String.raw`(^ (eta a) 2)`],
    [String.raw`\mathbf{v}^{2}{(C_{2})}`, String.raw`(^ (|\\mathbf{v}| C_2) 2)`],
    [String.raw`\cos^{2}{(x)}`, String.raw`(^ (cos x) 2)`],
    [String.raw`\sin^{2}(x)`, String.raw`(^ (sin x) 2)`],
    [String.raw`\sin^{2}{(x)} + \cos^{2}{(x)}`, String.raw`(+ (^ (sin x) 2) (^ (cos x) 2))`],
    // Derivatives.
    [String.raw`\frac{d}{d a} \eta{(a)}`, String.raw`(Derivative (eta a) a 1)`],
    [String.raw`\frac{d}{da} \eta{(a)}`, String.raw`(Derivative (eta a) a 1)`],
    [String.raw`\frac{d^{2}}{d a^{2}} \eta{(a)}`, String.raw`(Derivative (eta a) a 2)`],
    [String.raw`\frac{d^{3}}{d a^{3}} e^{a}`, String.raw`(Derivative (exp a) a 3)`],
    [String.raw`\frac{\partial}{\partial G} \hat{\mathbf{r}}{(G,n)}`, String.raw`(Derivative (|\\hat{\\mathbf{r}}| G n) G 1)`],
    [String.raw`\frac{\partial}{\partial G} G (G - n)`, String.raw`(Derivative (* G (+ G (neg n))) G 1)`],
    [String.raw`\frac{\partial^{2}}{\partial x \partial y} f{(x,y)}`, String.raw`(Derivative (Derivative (f x y) y 1) x 1)`],
    [String.raw`\frac{\partial^{2}}{\partial y\partial x} f{(x,y)}`, String.raw`(Derivative (Derivative (f x y) x 1) y 1)`],
    [String.raw`\frac{d}{d \mathbf{s}} \sin{(\mathbf{s})}`, String.raw`(Derivative (sin |\\mathbf{s}|) |\\mathbf{s}| 1)`],
    [String.raw`\frac{d}{d f^{\prime}} \cos{(f^{\prime})}`, String.raw`(Derivative (cos |f^{\\prime}|) |f^{\\prime}| 1)`],
    [String.raw`\frac{d^{2}}{d (f^{\prime})^{2}} \hat{X}{(f^{\prime})}`, String.raw`(Derivative (|\\hat{X}| |f^{\\prime}|) |f^{\\prime}| 2)`],
    [String.raw`\frac{d}{d f{(C_{d})}} f{(C_{d})}`, String.raw`(Derivative (f C_d) (f C_d) 1)`],
    [String.raw`\eta{(a)} \frac{d}{d a} \eta{(a)}`, String.raw`(* (eta a) (Derivative (eta a) a 1))`],
    [String.raw`(\frac{d}{d u} \operatorname{a^{\dagger}}{(u)})^{u}`, String.raw`(^ (Derivative (|a^{\\dagger}| u) u 1) u)`],
    [String.raw`\frac{\frac{d}{d \lambda{(V)}} \lambda{(V)}}{\lambda{(V)}}`, String.raw`(/ (Derivative (lambda V) (lambda V) 1) (lambda V))`],
    [String.raw`\frac{d}{d \phi} \iint \mathbf{p}{(\phi)} d\phi d\phi`, String.raw`(Derivative (Integral (Integral (|\\mathbf{p}| phi) phi) phi) phi 1)`],
    // Integrals.
    [String.raw`\int \mathbb{I}{(\Psi_{\lambda})} d\Psi_{\lambda}`, String.raw`(Integral (|\\mathbb{I}| Psi_lambda) Psi_lambda)`],
    [String.raw`\int e^{\Psi_{\lambda}} d\Psi_{\lambda}`, String.raw`(Integral (exp Psi_lambda) Psi_lambda)`],
    [String.raw`\int (\omega + \operatorname{Ci}{(e^{\phi})}) d\phi`, String.raw`(Integral (+ omega (Ci (exp phi))) phi)`],
    [String.raw`\iint \cos{(e^{\phi})} d\phi d\phi`, String.raw`(Integral (Integral (cos (exp phi)) phi) phi)`],
    [String.raw`\int \mathbf{v}{(C_{2})} d\mathbf{v}{(C_{2})}`, String.raw`(Integral (|\\mathbf{v}| C_2) (|\\mathbf{v}| C_2))`],
    [String.raw`\tau + \int \nu{(\tau)} d\tau`, String.raw`(+ tau (Integral (nu tau) tau))`],
    // Exponentials, logarithms, trigonometry.
    [String.raw`e^{a}`, String.raw`(exp a)`],
    [String.raw`e^{- x}`, String.raw`(exp (neg x))`],
    [String.raw`\log{(x)}`, String.raw`(log x)`],
    [String.raw`\sin{(u)}`, String.raw`(sin u)`],
    [String.raw`\cos{(e^{\phi})}`, String.raw`(cos (exp phi))`],
    [String.raw`- \sin{(u)}`, String.raw`(neg (sin u))`],
    // Fractions, roots, powers, products.
    [String.raw`\frac{1}{2}`, String.raw`(/ 1 2)`],
    [String.raw`\frac{\mathbf{v}^{2}{(C_{2})}}{2}`, String.raw`(/ (^ (|\\mathbf{v}| C_2) 2) 2)`],
    [String.raw`\sqrt{x}`, String.raw`(sqrt x)`],
    [String.raw`\sqrt[3]{x}`, String.raw`(^ x (/ 1 3))`],
    [String.raw`V^2`, String.raw`(^ V 2)`],
    [String.raw`0^{L}`, String.raw`(^ 0 L)`],
    [String.raw`(L + t_{2} - \mathbf{J}_P{(t_{2},L)})^{L}`, String.raw`(^ (+ L t_2 (neg (|\\mathbf{J}_{P}| t_2 L))) L)`],
    [String.raw`\hat{X}^{t}`, String.raw`(^ |\\hat{X}| t)`],
    [String.raw`2 G - n`, String.raw`(+ (* 2 G) (neg n))`],
    [String.raw`G (G - n)`, String.raw`(* G (+ G (neg n)))`],
    [String.raw`x \cdot y \times z`, String.raw`(* x y z)`],
    // Names.
    [String.raw`\mathbf{E}`, String.raw`|\\mathbf{E}|`],
    [String.raw`\hat{x}_0`, String.raw`|\\hat{x}_{0}|`],
    [String.raw`\dot{x}`, String.raw`|\\dot{x}|`],
    [String.raw`y^{\prime}`, String.raw`|y^{\\prime}|`],
    [String.raw`x^\prime`, String.raw`|x^{\\prime}|`],
    [String.raw`a^{\dagger}`, String.raw`|a^{\\dagger}|`],
    [String.raw`\psi^*`, String.raw`|\\psi^{*}|`],
    [String.raw`\mathbb{I}`, String.raw`|\\mathbb{I}|`],
    [String.raw`\tilde{g}`, String.raw`|\\tilde{g}|`],
    [String.raw`x_{0}`, String.raw`x_0`],
    [String.raw`P_{e}`, String.raw`P_e`],
    [String.raw`\Psi_{\lambda}`, String.raw`Psi_lambda`],
    [String.raw`\Psi_{nl}`, String.raw`Psi_nl`],
    [String.raw`\hat{H}_l`, String.raw`|\\hat{H}_{l}|`],
    [String.raw`\hat{H}_{\lambda}`, String.raw`|\\hat{H}_{\\lambda}|`],
    [String.raw`\mathbf{J}_f`, String.raw`|\\mathbf{J}_{f}|`],
    [String.raw`f_{\mathbf{p}}`, String.raw`|f_{\\mathbf{p}}|`],
    [String.raw`\sigma_x + \mu_0`, String.raw`(+ sigma_x mu_0)`],
    [String.raw`\omicron + \nabla + \hbar`, String.raw`(+ \omicron \nabla \hbar)`],
    [String.raw`\varepsilon \varphi`, String.raw`(* varepsilon varphi)`],
    // Relations.
    [String.raw`\frac{d}{d a} \eta{(a)} = \eta{(a)}`, String.raw`(= (Derivative (eta a) a 1) (eta a))`],
    [String.raw`x = y = z`, String.raw`(= x y) ; (= y z)`],
  ])('%s', (src, want) => {
    expect(read(src, false)).toBe(want);
  });
});

describe('more LaTeX, read as written', () => {
  test.each([
    // Brackets and absolute values.
    [String.raw`\left(x + 1\right)^{2}`, String.raw`(^ (+ x 1) 2)`],
    [String.raw`\left[x + 1\right] y`, String.raw`(* (+ x 1) y)`],
    [String.raw`\Big(x\Big)`, String.raw`x`],
    [String.raw`\left|x\right| + |y|`, String.raw`(+ (abs x) (abs y))`],
    [String.raw`{x + 1}^{2}`, String.raw`(^ (+ x 1) 2)`],
    // Functions in all spellings.
    [String.raw`\sin(x)`, String.raw`(sin x)`],
    [String.raw`\sin{\left(x \right)}`, String.raw`(sin x)`],
    [String.raw`\sin{x}`, String.raw`(sin x)`],
    [String.raw`\sin x`, String.raw`(sin x)`],
    [String.raw`\sin 2x`, String.raw`(sin (* 2 x))`],
    [String.raw`\sin x \cos x`, String.raw`(* (sin x) (cos x))`],
    [String.raw`\sin x + 1`, String.raw`(+ (sin x) 1)`],
    [String.raw`\sin x^{2}`, String.raw`(sin (^ x 2))`],
    [String.raw`\sin^2 x`, String.raw`(^ (sin x) 2)`],
    [String.raw`\sin^{-1}(x)`, String.raw`(asin x)`],
    [String.raw`\arctan{x}`, String.raw`(atan x)`],
    [String.raw`\operatorname{asin}{\left(x \right)}`, String.raw`(asin x)`],
    [String.raw`\operatorname{atan}^{2}{\left(x \right)}`, String.raw`(^ (atan x) 2)`],
    [String.raw`\tanh{\left(x \right)}`, String.raw`(tanh x)`],
    [String.raw`\ln(x)`, String.raw`(log x)`],
    [String.raw`\log_{2}(x)`, String.raw`(log 2 x)`],
    [String.raw`\log_2 x`, String.raw`(log 2 x)`],
    [String.raw`\log{\left(x \right)}^{2}`, String.raw`(^ (log x) 2)`],
    [String.raw`\exp(x)`, String.raw`(exp x)`],
    [String.raw`e^x y`, String.raw`(* (exp x) y)`],
    [String.raw`n!`, String.raw`(factorial n)`],
    [String.raw`\left(n + 1\right)!`, String.raw`(factorial (+ n 1))`],
    // Numbers.
    [String.raw`1.5`, String.raw`1.5`],
    [String.raw`2.5 x`, String.raw`(* 2.5 x)`],
    [String.raw`1.5 \cdot 10^{-7}`, String.raw`1.5e-7`],
    [String.raw`2 \cdot 3`, String.raw`(* 2 3)`],
    [String.raw`\frac12`, String.raw`(/ 1 2)`],
    [String.raw`x^{-1}`, String.raw`(^ x (neg 1))`],
    [String.raw`x^-1`, String.raw`(^ x (neg 1))`],
    // Signs and products.
    [String.raw`-x y`, String.raw`(neg (* x y))`],
    [String.raw`-2 x`, String.raw`(* (neg 2) x)`],
    [String.raw`-2^{2}`, String.raw`(neg (^ 2 2))`],
    [String.raw`-x^{2}`, String.raw`(neg (^ x 2))`],
    [String.raw`a - b - c`, String.raw`(+ a (neg b) (neg c))`],
    [String.raw`\frac{a}{b} c`, String.raw`(* (/ a b) c)`],
    [String.raw`a b / c`, String.raw`(/ (* a b) c)`],
    [String.raw`ab`, String.raw`(* a b)`],
    // Derivatives in other notations.
    [String.raw`\frac{dy}{dx}`, String.raw`(Derivative y x 1)`],
    [String.raw`\frac{d^{2} y}{d x^{2}}`, String.raw`(Derivative y x 2)`],
    [String.raw`\frac{\partial f{(x,y)}}{\partial x}`, String.raw`(Derivative (f x y) x 1)`],
    [String.raw`\frac{\mathrm{d}}{\mathrm{d}x} x^{2}`, String.raw`(Derivative (^ x 2) x 1)`],
    [String.raw`\partial_{x} f{(x)}`, String.raw`(Derivative (f x) x 1)`],
    [String.raw`\frac{d}{dx} x + 1`, String.raw`(+ (Derivative x x 1) 1)`],
    [String.raw`- \frac{d}{dx} x y`, String.raw`(neg (Derivative (* x y) x 1))`],
    [String.raw`\frac{d}{dx} \left(x + 1\right) y`, String.raw`(Derivative (* (+ x 1) y) x 1)`],
    [String.raw`\frac{d}{x}`, String.raw`(/ d x)`],
    [String.raw`\left. \frac{d}{d \xi_{1}} f{\left(\xi_{1} \right)} \right|_{\substack{ \xi_{1}=x^{2} }}`, String.raw`(|D[1](f)| (^ x 2))`],
    [String.raw`\left. \frac{\partial^{2}}{\partial \xi_{1}\partial \xi_{2}} g{\left(\xi_{1},\xi_{2} \right)} \right|_{\substack{ \xi_{1}=x \\ \xi_{2}=1 }}`, String.raw`(|D[1,2](g)| x 1)`],
    // Integrals in other notations.
    [String.raw`\int_{0}^{1} x^{2}\, dx`, String.raw`(Integral (^ x 2) x 0 1)`],
    [String.raw`\int_0^1 x dx`, String.raw`(Integral x x 0 1)`],
    [String.raw`\int x + 1 \, dx`, String.raw`(Integral (+ x 1) x)`],
    [String.raw`\int \left(x + 1\right)\, dx`, String.raw`(Integral (+ x 1) x)`],
    [String.raw`\int x \, \mathrm{d}x`, String.raw`(Integral x x)`],
    [String.raw`\int dx`, String.raw`(Integral 1 x)`],
    [String.raw`\int \int x y \, dx \, dy`, String.raw`(Integral (Integral (* x y) x) y)`],
    [String.raw`y \int x\, dx`, String.raw`(* y (Integral x x))`],
    [String.raw`d x`, String.raw`(* d x)`],
    // Relations.
    [String.raw`x \neq y`, String.raw`(!= x y)`],
    [String.raw`x \leq y`, String.raw`(<= x y)`],
    [String.raw`x \geq y`, String.raw`(>= x y)`],
    [String.raw`x < y`, String.raw`(< x y)`],
    [String.raw`x \left(a = b\right)`, String.raw`(* x (= a b))`],
    [String.raw`a = b = c = d`, String.raw`(= a b) ; (= b c) ; (= c d)`],
    [String.raw`x = 2.`, String.raw`(= x 2)`],
    [String.raw`$x + 1$`, String.raw`(+ x 1)`],
  ])('%s', (src, want) => {
    expect(read(src)).toBe(want);
  });

  test('constants: \\pi and e are the constants unless constants is false; e^{...} is always the exponential; i is a symbol', () => {
    expect(parseLatex(String.raw`\pi + e + i`)).toBe(call(O.ADD, [call(O.PI, []), call(O.E, []), sym('i')]));
    expect(parseLatex(String.raw`\pi + e + i`, { constants: false })).toBe(call(O.ADD, [sym('pi'), sym('e'), sym('i')]));
    expect(parseLatex('e^{x}', { constants: false })).toBe(call(O.EXP, [sym('x')]));
    expect(parseLatex(String.raw`\mathrm{e}^{x}`)).toBe(call(O.EXP, [sym('x')]));
    expect(parseLatex('e_{1}')).toBe(sym('e_1'));
  });

  test('decimals are floats, or exact with exactDecimals', () => {
    expect(parseLatex('0.1')).toBe(num(0.1));
    expect(toSexpr(parseLatex('0.1', { exactDecimals: true }))).toBe('1/10');
  });

  test('canonical mode builds canonical terms: the same as the infix parser', () => {
    const pairs: [string, string][] = [
      [String.raw`x^{2} + 2 x`, 'x^2 + 2x'],
      [String.raw`\frac{x}{2} + \sin^{2}{\left(x \right)}`, 'x/2 + sin(x)^2'],
      [String.raw`a - b`, 'a - b'],
      [String.raw`\sqrt{x}`, 'x^(1/2)'],
      [String.raw`\sqrt[3]{x}`, 'x^(1/3)'],
      [String.raw`e^{x} e^{x}`, 'exp(x)^2'],
      [String.raw`\frac{d}{dx} x^{2}`, 'Derivative(x^2, x, 1)'],
      [String.raw`\int_{0}^{1} x\, dx`, 'Integral(x, x, 0, 1)'],
      [String.raw`f{\left(x \right)} + x_{0} \alpha`, 'f(x) + x_0*alpha'],
      [String.raw`\log_{2}{\left(8 \right)}`, 'log(2, 8)'],
      [String.raw`-x y = 3`, '-x*y = 3'],
    ];
    for (const [latex, infix] of pairs) expect(parseLatex(latex, { mode: 'canonical' })).toBe(parse(infix));
  });
});

describe('function application or multiplication', () => {
  test('name{(...)} applies; name(...) multiplies unless name is applied elsewhere in the input', () => {
    expect(read('x(y + 1)')).toBe('(* x (+ y 1))');
    expect(read('f{(x)} + f(y)')).toBe('(+ (f x) (f y))');
    expect(read(String.raw`f{\left(x \right)} = f\left(y\right)`)).toBe('(= (f x) (f y))');
    expect(read('g^{2}{(x)} + g(y)')).toBe('(+ (^ (g x) 2) (g y))');
    expect(read('f{(x)} + g(y)')).toBe('(+ (f x) (* g y))');
  });

  test('opts.functions lists the names applied with plain parentheses (and replaces the default)', () => {
    expect(toSexpr(parseLatex('f(x) + g(y)', { functions: ['f'] }))).toBe('(+ (f x) (* g y))');
    expect(toSexpr(parseLatex(String.raw`\eta(a) + \mathbf{J}_{P}(b)`, { functions: ['eta', String.raw`\mathbf{J}_{P}`] })))
      .toBe(String.raw`(+ (eta a) (|\\mathbf{J}_{P}| b))`);
    expect(toSexpr(parseLatex('f^{2}(x)', { functions: ['f'] }))).toBe('(^ (f x) 2)');
    expect(toSexpr(parseLatex('f{(x)} f(y)', { functions: [] }))).toBe('(* (f x) f y)');
  });

  test('latexFunctionNames: the names a text applies in the braced form', () => {
    expect(latexFunctionNames(String.raw`\eta{(a)} = \mathbf{J}{\left(a \right)} + \nu^{2}{(a)} + x (y)`))
      .toEqual(['eta', String.raw`\mathbf{J}`, 'nu']);
  });

  test('a built-in operator is not an undefined function', () => {
    expect(() => parseLatex(String.raw`\pi{(x)}`)).toThrow('pi is a built-in operator, not an undefined function at column 1');
    expect(toSexpr(parseLatex(String.raw`\mathrm{exp}{(x)}`))).toBe('(exp x)');
  });
});

describe('names', () => {
  test('simple names are the infix parser\'s names; decorated ones their normalized LaTeX', () => {
    const same: [string, string][] = [
      ['x', 'x'], [String.raw`\alpha`, 'alpha'], ['x_{0}', 'x_0'], ['x_0', 'x_0'], [String.raw`x_{i,j}`, 'x_i_j'],
      [String.raw`\theta_{1}`, 'theta_1'], [String.raw`\mathrm{velocity}`, 'velocity'], [String.raw`\mathrm{velocity}_{0}`, 'velocity_0'],
      [String.raw`\mathrm{my\ var}`, 'my var'], [String.raw`\mathrm{\_\_proto\_\_}`, '__proto__'], ['α', 'α'],
      [String.raw`\hat x_0`, String.raw`\hat{x}_{0}`], [String.raw`\hat {x} _ {0}`, String.raw`\hat{x}_{0}`],
      [String.raw`y'`, String.raw`y^{\prime}`], [String.raw`y''`, String.raw`y^{\prime\prime}`],
      [String.raw`\mathbf E`, String.raw`\mathbf{E}`], [String.raw`\operatorname{J_{\varepsilon}}`, 'J_varepsilon'],
      [String.raw`\operatorname{\mathbf{E}}`, String.raw`\mathbf{E}`], [String.raw`x_{n+1}`, 'x_n+1'],
    ];
    for (const [latex, name] of same) expect(parseLatex(latex)).toBe(sym(name));
  });

  test('every name of the data reads back from its printed LaTeX (even where the printer escapes it)', () => {
    for (const latex of [
      String.raw`y^{\prime}`, String.raw`a^{\dagger}`, String.raw`V_{\mathbf{B}}`, 'x_{n+1}', String.raw`g^{\prime}_{\varepsilon}`,
      String.raw`\psi^*`, String.raw`\hat{\mathbf{r}}`, String.raw`\omicron`, String.raw`\operatorname{f^{\prime}}{(x)}`,
      String.raw`\mathbf{J}_P{(t_{2},L)}`, String.raw`\operatorname{V_{\mathbf{B}}}{(P_{e})}`, String.raw`f_{\mathbf{p}}`,
    ]) {
      const t = parseLatex(latex);
      expect(parseLatex(toLatex(t))).toBe(t);
    }
  });

  test('a name is printed back as it was read', () => {
    for (const latex of [String.raw`\mathbf{E}`, String.raw`\hat{x}_{0}`, String.raw`\Psi_{\lambda}`, 'x_{0}', String.raw`\alpha`]) {
      expect(toLatex(parseLatex(latex))).toBe(latex);
    }
  });
});

describe('every error names what and where', () => {
  test.each<[string, string, number]>([
    ['', 'empty input', 1],
    ['  ', 'empty input', 1],
    ['x +', "expected an expression after '+'", 4],
    ['x^', "expected an expression after '^'", 3],
    [String.raw`\frac{d}{dx}`, String.raw`expected an expression after '\frac{d}{dx}'`, 13],
    [String.raw`\frac{1}{`, "missing '}' to close '{'", 9],
    ['{x', "missing '}' to close '{'", 1],
    ['x}', "unexpected '}'", 2],
    ['(x]', "']' does not close '('", 3],
    [String.raw`\left( x`, String.raw`missing '\right' to close '\left('`, 1],
    [String.raw`\foo x`, String.raw`unknown command \foo`, 1],
    [String.raw`x + \infty`, String.raw`unsupported command \infty`, 5],
    [String.raw`\int x`, 'missing the differential (such as dx) of the integral', 1],
    [String.raw`(\int x) dx`, 'missing the differential (such as dx) of the integral', 2],
    [String.raw`\int_{0} x dx`, 'a definite integral needs both bounds', 1],
    ['|x', "missing '|' to close '|'", 1],
    ['a = b = c', 'a chain of relations (read it with parseLatexEquations)', 7],
    ['(a = b = c)', "unexpected '=' after a relation inside brackets", 8],
    ['x 2', "missing operator before '2'", 3],
    ['x^23', "missing operator before '3'", 4],
    ['x_', "expected an argument after '_'", 3],
    ['x_1_2', 'double subscript', 4],
    [String.raw`\frac{d^{2}}{d x}`, 'derivative of order 2 over variables of total order 1', 1],
    [String.raw`\sin`, 'expected an argument after the function sin', 5],
    [String.raw`\sin(x, y)`, 'sin takes 1 argument, got 2', 1],
    ['x, y', "unexpected ','", 2],
    ["(x)'", `unexpected "'" (only a name takes a prime)`, 4],
    ['(x)_0', "unexpected '_' (only a name takes a subscript)", 4],
    ['x @ y', "unknown character '@'", 3],
    ['1.2.3', "malformed number '1.2.3'", 1],
    ['^2', "unexpected '^'", 1],
    [String.raw`\sqrt`, String.raw`expected an argument after '\sqrt'`, 6],
    [String.raw`\left. x \right|`, String.raw`expected '_{...}' (the point of evaluation) after '\right|'`, 17],
    [String.raw`\left. x \right|_{y=1}`, 'only derivatives of an undefined function can be evaluated at a point', 1],
    [String.raw`\partial x`, String.raw`expected a subscript (the variable) after \partial`, 10],
    ['f{(x)', "missing '}' to close '{'", 2],
  ])('%j: %s at column %i', (src, what, column) => {
    const pe = expectParseError(() => parseLatex(src), what, column);
    expect(pe.excerpt.split('\n')[1]!.indexOf('^')).toBeGreaterThanOrEqual(0);
  });

  test('any input gives a term or a ParseError / LimitError, never another error', () => {
    const pieces = ['x', 'y', '2', '.', ',', '+', '-', '=', '^', '_', '{', '}', '(', ')', '[', ']', '|', "'", '!', ' ',
      '\\frac', '\\sqrt', '\\int', '\\iint', '\\partial', '\\left(', '\\right)', '\\left.', '\\right|', '\\sin', '\\log',
      '\\hat', '\\mathbf', '\\mathrm', '\\operatorname', '\\alpha', '\\cdot', 'd', 'e', '\\\\', '\\substack', '\\pi', '\\'];
    fc.assert(fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 25 }), (parts) => {
      const src = parts.join('');
      try {
        parseLatexEquations(src);
        parseLatex(src, { mode: 'canonical' });
      } catch (e) {
        if (!(e instanceof ParseError) && !(e instanceof LimitError)) throw e;
      }
    }), { numRuns: 5_000 });
  });
});

describe('deep and long input', () => {
  const depth = (e: unknown): boolean => e instanceof LimitError && e.limit === 'depth';
  test.each<[string, string]>([
    ['braces', `${'{'.repeat(100_000)}x${'}'.repeat(100_000)}`],
    ['parentheses', `${'('.repeat(100_000)}x${')'.repeat(100_000)}`],
    ['\\left( \\right)', `${'\\left('.repeat(100_000)}x${'\\right)'.repeat(100_000)}`],
    ['fractions', `${'\\frac{1}{'.repeat(100_000)}x${'}'.repeat(100_000)}`],
    ['unclosed braces', '{'.repeat(100_000)],
    ['minus signs', `${'-'.repeat(100_000)}x`],
    ['integrals', `${'\\int '.repeat(100_000)}x${' dx'.repeat(100_000)}`],
    ['derivatives', `${'\\frac{d}{dx} '.repeat(100_000)}x`],
  ])('100,000 nested %s: a clean LimitError, quickly', (_name, src) => {
    const start = Date.now();
    const err = thrown(() => parseLatex(src));
    expect(depth(err)).toBe(true);
    expect((err as Error).message).toMatch(/deeper than 10000 levels/);
    expect(Date.now() - start).toBeLessThan(3_000);
  });

  test('nesting within the limit parses', () => {
    expect(parseLatex(`${'{'.repeat(9_000)}x${'}'.repeat(9_000)}`)).toBe(sym('x'));
    const t = parseLatex(`${'\\sqrt{'.repeat(5_000)}x${'}'.repeat(5_000)}`);
    expect(t.depth).toBe(5_001);
  });

  test('100,000 nested decorations and upright text are one (long) name, read without recursion', () => {
    const hats = parseLatex(`${'\\hat{'.repeat(100_000)}x${'}'.repeat(100_000)}`);
    expect(hats.name!.startsWith('\\hat{\\hat{')).toBe(true);
    const upright = parseLatex(`${'\\mathrm{'.repeat(100_000)}x${'}'.repeat(100_000)}`);
    expect(upright.name).not.toBeNull();
  });

  test('a sum of 100,000 terms is one call, read quickly', () => {
    const start = Date.now();
    const t = parseLatex(Array.from({ length: 100_000 }, (_, i) => `x_{${i}}`).join(' + '));
    expect(t.op).toBe(O.ADD);
    expect(t.args.length).toBe(100_000);
    expect(Date.now() - start).toBeLessThan(3_000);
  });

  test('input longer than limits.maxInputLength is a LimitError', () => {
    expect(() => parseLatex('x'.repeat(limits.maxInputLength + 1))).toThrow(LimitError);
  });
});

// ---------------------------------------------------------------------------------------
// Round trip with the LaTeX printer

/**
 * Terms whose printed LaTeX reads back as another term, whatever the reader does.
 * Names (every printer option):
 * - a symbol named `pi` or `e` prints as the constant does (`\pi`, `e`), one named `3` as the number;
 * - a derived function at distinct symbols, `D[1](f)(x)`, prints as `Derivative(f(x), x, 1)` does.
 * Numbers (checked unless `how` is 'names'):
 * - a float coefficient ±1.0 prints as `a - 1.0 x` or `\frac{1.0}{...}`, where the canonical
 *   product drops it (`1.0 x` is `x`); a float exponent ±1.0 as `x^{1.0}` or `\frac{1}{x}`.
 * With fractions (`how` true, the printer's default):
 * - a number raised to a negative power prints as a fraction (`\frac{1}{8^{\frac{3}{2}}}`),
 *   which the canonical constructors fold differently (`0^-2` as `0^-1`, `8^-3/2` as `2^-1/2/16`),
 *   and so are a coefficient and a number's root over a denominator (`\frac{\sqrt[3]{\frac{1}{16}}}{16}`);
 * - a product with a coefficient and a sum prints the coefficient beside the sum in the
 *   numerator or denominator, where it is distributed over the sum (`-\frac{1}{6 (x + y)}`).
 * Without fractions (`how` false):
 * - `(sin x)^-1` prints as `\sin^{-1}`, which reads as arcsin (its usual meaning).
 */
function lossy(t: Term, how: boolean | 'names'): boolean {
  const number = (u: Term): number | undefined => (u.value === null ? undefined : Number(u.value.valueOf()));
  const stack = [t];
  while (stack.length > 0) {
    const u = stack.pop()!;
    if (u.name !== null && (u.name === 'pi' || u.name === 'e' || /^[0-9]/.test(u.name))) return true;
    if (u.op === null) continue;
    const args = u.args;
    stack.push(...args);
    if (u.op.kind === 'derived' && args.every((a) => a.name !== null) && new Set(args.map((a) => a.name)).size === args.length) return true;
    if (how === 'names') continue;
    const c = u.op === O.MUL ? args[0]!.value : null;
    if (c !== null && !isExact(c) && Math.abs(c) === 1) return true;
    const e = u.op === O.POW ? args[1]!.value : null;
    if (e !== null && !isExact(e) && Math.abs(e) === 1) return true;
    if (how) {
      if (u.op === O.POW && args[0]!.value !== null && (number(args[1]!)! < 0 || !Number.isInteger(number(args[1]!)))) return true;
      if (c !== null && args.some((a) => a.op === O.ADD || (a.op === O.POW && a.args[0]!.op === O.ADD))) return true;
    } else if ((args[0]?.op === O.SIN || args[0]?.op === O.COS || args[0]?.op === O.TAN) && u.op === O.POW && number(args[1]!) === -1) {
      return true;
    }
  }
  return false;
}

/** Each law runs with a fixed seed (reproducible) and with fast-check's random one. */
const SEEDS: readonly (number | undefined)[] = [20_240_601, undefined];
const RUNS = 2_000;

describe('round trip: parseLatex(toLatex(t)) is t', () => {
  for (const seed of SEEDS) {
    const label = seed === undefined ? 'random seed' : `seed ${seed}`;

    test(`canonical terms, the printer's default output, canonical mode (${label})`, () => {
      fc.assert(fc.property(canonicalTerm, (t) => {
        fc.pre(!lossy(t, true));
        const text = toLatex(t);
        const back = parseLatex(text, { mode: 'canonical', functions: [] });
        if (back !== t) throw new Error(`${toSexpr(t)} printed as ${text} reads back as ${toSexpr(back)}`);
      }), { numRuns: RUNS, seed });
    });

    test(`canonical terms printed without fractions, canonical mode (${label})`, () => {
      fc.assert(fc.property(canonicalTerm, (t) => {
        fc.pre(!lossy(t, false));
        const text = latexWith(termOps, t, { fractions: false });
        const back = parseLatex(text, { mode: 'canonical', functions: [] });
        if (back !== t) throw new Error(`${toSexpr(t)} printed as ${text} reads back as ${toSexpr(back)}`);
      }), { numRuns: RUNS, seed });
    });

    test(`written terms: the canonical reading is the canonical form of the written one (${label})`, () => {
      fc.assert(fc.property(writtenTerm, (w) => {
        fc.pre(!lossy(w, 'names'));
        const text = toLatex(w);
        const written = parseLatex(text, { functions: [] });
        expect(parseLatex(text, { mode: 'canonical', functions: [] })).toBe(canonicalize(written));
      }), { numRuns: RUNS, seed });
    });
  }

  test('examples', () => {
    const f = fn('f');
    const x = sym('x'), y = sym('y');
    for (const t of [
      call(derivedFn(f, [1]), [call(O.POW, [x, int(2)])]),
      call(O.DERIVATIVE, [call(f, [x, y]), y, int(3)]),
      call(O.INTEGRAL, [call(O.SIN, [x]), x, int(0), call(O.PI, [])]),
      call(O.ABS, [call(O.ADD, [x, y])]),
      call(fn('my f'), [x]),
      call(f, []),
    ]) {
      const c = canonicalize(t);
      expect(parseLatex(toLatex(c), { mode: 'canonical' })).toBe(c);
    }
  });
});

describe('the examples of the doc comments', () => {
  test('latex-parse.ts', () => {
    expect(toSexpr(parseLatex('\\frac{d}{d a} \\eta{(a)} = e^{a}'))).toBe('(= (Derivative (eta a) a 1) (exp a))');
    expect(parseLatex('x^{2} + 2 x', { mode: 'canonical' })).toBe(parse('x^2 + 2x'));
    expect(parseLatexEquations('x = y + 1 = 2').map((t) => toSexpr(t))).toEqual(['(= x (+ y 1))', '(= (+ y 1) 2)']);
    expect(latexFunctionNames('\\eta{(a)} = \\mathbf{J}{\\left(a \\right)}')).toEqual(['eta', '\\mathbf{J}']);
  });

  test('latex-lexer.ts', () => {
    expect(tokenizeLatex('\\eta{(a)}').kind).toEqual(['name', '{', '(', 'name', ')', '}', 'end']);
    expect(appliedNames(tokenizeLatex('\\eta{(a)} = f(a)'))).toEqual(['eta']);
    expect(bracedParen(tokenizeLatex('f{(x)}'), 1)).toBe(4);
    expect(isParenOpen(tokenizeLatex('\\left(x\\right)'), 0)).toBe(true);
    expect(describeToken(tokenizeLatex('x + y'), 1)).toBe("'+'");
  });
});

describe('the lexer', () => {
  test('pairs brackets and reads names as one token', () => {
    const t = tokenizeLatex(String.raw`\eta{(a)} + \left(\hat{x}_0\right)`);
    expect(t.kind).toEqual(['name', '{', '(', 'name', ')', '}', '+', 'left', 'name', 'right', 'end']);
    expect(t.match.slice(0, 10)).toEqual([-1, 5, 4, -1, 2, 1, -1, 9, -1, 7]);
    expect(t.text[8]).toBe(String.raw`\hat{x}_{0}`);
  });
});
