/* heap-thp.h: back the malloc heap with transparent huge pages.
 *
 * What: heap_thp_enable() makes glibc grow the process heap in large steps
 * and asks the kernel (madvise MADV_HUGEPAGE) to back the new heap with
 * 2 MB pages; heap_thp_run() extends that advice over heap growth since
 * the last call.  For long-running processes that build large in-memory
 * tables (the classifier of svs-vswitchd): on the virtual machines this
 * project runs on, a process's first touch of a 4 kB page costs about
 * 12 µs (a page fault plus the hypervisor's page-table work), so a heap
 * growing 4 kB at a time spends most of a classifier insertion in the
 * kernel; a 2 MB page costs about one 4 kB page's fault for 512 of them
 * (tests/perf/classifier/README.md has the figures).
 *
 * Design: glibc offers no hook on heap growth, so heap_thp_run() compares
 * the program break with the end of the advised range; call it from the
 * main loop (it costs a comparison when nothing grew).  Only the brk heap
 * of the main arena is advised; large blocks that glibc maps on their own
 * and other threads' arenas are not.  Whether huge pages are used in the
 * end is the kernel's decision (/sys/kernel/mm/transparent_hugepage:
 * "madvise" or "always" honour the advice, "never" ignores it); nothing
 * fails when they are not.  The cost: the resident size grows 2 MB at a
 * time, and up to 'pad' bytes of freed memory at the top of the heap stay
 * with the process instead of going back to the kernel.
 *
 * Thread-safety: call both from one thread (the main thread). */
#ifndef SVS_HEAP_THP_H
#define SVS_HEAP_THP_H 1

#include <stdbool.h>
#include <stddef.h>

/* Grows the heap in steps of at least 'pad' bytes (a few MB) and advises
 * what exists of it from now on.  Returns false if the kernel refused the
 * advice (no transparent huge page support), true otherwise. */
bool heap_thp_enable(size_t pad);

/* Advises the heap grown since the last call.  Does nothing before
 * heap_thp_enable(). */
void heap_thp_run(void);

#endif /* heap-thp.h */
