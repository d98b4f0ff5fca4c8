/**
 * The memory of a WebAssembly kernel: a scratch area at its start (the chunk that batches of
 * ordinary arrays are copied through), then a heap of blocks handed out by `alloc`, where
 * callers keep their points so that batches run on them without copies.
 *
 * Blocks are 16-byte aligned and found first-fit in a list of free ranges (neighbours merge
 * when freed). When no free range is large enough the memory grows, which replaces its
 * `ArrayBuffer`: every view of the old buffer is detached (length 0). `view` returns a view
 * of the current buffer, and `buffer` tells whether an array still looks at it.
 *
 * @example
 * const heap = new KernelMemory(instance.exports.memory, 65536);
 * const at = heap.alloc(8000);          // byte address of 8,000 free bytes
 * new Float64Array(heap.buffer, at, 1000).fill(1);
 * heap.free(at);
 */
import { EquateError } from '../../term/errors.js';

/** The part of `WebAssembly.Memory` used here. */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

const PAGE = 65536;
/** The largest memory of a 32-bit WebAssembly module: 65,536 pages of 64 KiB. */
const MAX_BYTES = 65536 * PAGE;

export class KernelMemory {
  readonly memory: WasmMemory;
  /** Free ranges [start, end), sorted by address, never adjacent. */
  private readonly free_: { start: number; end: number }[] = [];
  /** Sizes of the blocks handed out, by address. */
  private readonly used = new Map<number, number>();
  private f64: Float64Array;

  /** `memory` holds its scratch area below `heapStart`; the heap is everything above. */
  constructor(memory: WasmMemory, heapStart: number) {
    this.memory = memory;
    const start = align(heapStart);
    if (start < memory.buffer.byteLength) this.free_.push({ start, end: memory.buffer.byteLength });
    this.f64 = new Float64Array(memory.buffer);
  }

  /** The memory's current buffer (a new one after each growth). */
  get buffer(): ArrayBuffer {
    return this.memory.buffer;
  }

  /** A Float64Array over the whole current buffer (re-created after a growth). */
  get view(): Float64Array {
    if (this.f64.buffer !== this.memory.buffer) this.f64 = new Float64Array(this.memory.buffer);
    return this.f64;
  }

  /**
   * The byte address of a new block of at least `bytes` bytes, 16-byte aligned; the memory
   * grows when no free range holds it (detaching views of the old buffer).
   */
  alloc(bytes: number): number {
    const size = Math.max(16, align(bytes));
    let i = this.free_.findIndex((r) => r.end - r.start >= size);
    if (i < 0) {
      const end = this.memory.buffer.byteLength;
      const last = this.free_[this.free_.length - 1];
      // Grow by what the block needs beyond a free range at the very end.
      const from = last !== undefined && last.end === end ? last.start : end;
      const need = from + size - end;
      const pages = Math.ceil(need / PAGE);
      if (end + pages * PAGE > MAX_BYTES) throw new EquateError(`alloc: ${bytes} bytes do not fit in a WebAssembly memory (4 GiB at most)`);
      try {
        this.memory.grow(pages);
      } catch {
        throw new EquateError(`alloc: the engine refused to grow the kernel's memory to ${end + pages * PAGE} bytes`);
      }
      const grown = this.memory.buffer.byteLength;
      if (from === end) this.free_.push({ start: end, end: grown });
      else last!.end = grown;
      i = this.free_.length - 1;
    }
    const r = this.free_[i]!;
    const at = r.start;
    r.start += size;
    if (r.start === r.end) this.free_.splice(i, 1);
    this.used.set(at, size);
    return at;
  }

  /** Returns the block at `at` (from `alloc`) to the free ranges; other addresses are ignored. */
  free(at: number): void {
    const size = this.used.get(at);
    if (size === undefined) return;
    this.used.delete(at);
    const end = at + size;
    let i = 0;
    while (i < this.free_.length && this.free_[i]!.start < at) i++;
    const before = this.free_[i - 1], after = this.free_[i];
    if (before !== undefined && before.end === at) {
      before.end = end;
      if (after !== undefined && after.start === end) {
        before.end = after.end;
        this.free_.splice(i, 1);
      }
    } else if (after !== undefined && after.start === end) after.start = at;
    else this.free_.splice(i, 0, { start: at, end });
  }

  /** Bytes in blocks handed out and not freed. */
  get allocated(): number {
    let total = 0;
    for (const size of this.used.values()) total += size;
    return total;
  }
}

function align(bytes: number): number {
  return Math.ceil(bytes / 16) * 16;
}
