/* fatal-signal.h: clean up (remove pidfiles and sockets, run hooks) when
 * the process dies of a termination signal or exits.
 *
 * What: fatal_signal_init() installs handlers for SIGTERM, SIGINT, SIGHUP
 * and SIGALRM and ignores SIGPIPE.  The handler itself only records the
 * signal and writes a byte to a pipe; the work happens later, in
 * fatal_signal_run(), which every poll_block() calls: it runs the
 * registered hooks, unlinks the registered files, and then re-raises the
 * signal with its default action, so that the process's exit status shows
 * the signal.  The same cleanup runs at exit() (for hooks registered with
 * 'run_at_exit') and from svs_fatal().
 *
 * Thread-safety: all functions are thread-safe.  Hooks run in the thread
 * that calls fatal_signal_run() (normally the main thread, from
 * poll_block()), never inside the signal handler, so they may do anything
 * except call back into this module's registration functions. */
#ifndef SVS_FATAL_SIGNAL_H
#define SVS_FATAL_SIGNAL_H 1

#include <stdbool.h>

/* Installs the signal handlers and the svs_fatal() hook.  Idempotent;
 * the functions below call it as needed. */
void fatal_signal_init(void);

/* Registers 'hook_cb' to be called with 'aux' when a fatal signal
 * arrives, and also at normal exit if 'run_at_exit'.  'cancel_cb' (may be
 * NULL) is called instead in a child after fatal_signal_fork(), so that a
 * forked child does not, e.g., remove its parent's files. */
void fatal_signal_add_hook(void (*hook_cb)(void *aux),
                           void (*cancel_cb)(void *aux), void *aux,
                           bool run_at_exit);

/* Arranges for 'file' to be unlinked on a fatal signal or at exit. */
void fatal_signal_add_file_to_unlink(const char *file);
/* Forgets about 'file' without unlinking it. */
void fatal_signal_remove_file_to_unlink(const char *file);
/* Unlinks 'file' now and forgets about it.  Returns 0 or a positive
 * errno value (ENOENT included). */
int fatal_signal_unlink_file_now(const char *file);

/* Handles a pending fatal signal, if any (does not return then). */
void fatal_signal_run(void);
/* Makes poll_block() wake when a fatal signal arrives. */
void fatal_signal_wait(void);

/* Ignores SIGPIPE, so that writes to closed sockets return EPIPE. */
void fatal_ignore_sigpipe(void);

/* Called in a child process after fork(): calls each hook's 'cancel_cb',
 * forgets all hooks and files, so that the child's exit does not clean up
 * the parent's resources. */
void fatal_signal_fork(void);

/* Runs the hooks and unlinks the files now, as if a fatal signal had
 * arrived, without terminating.  Used before exiting by means other than
 * exit(), e.g. _exit() or abort(); runs at most once. */
void fatal_signal_cleanup(void);

#endif /* fatal-signal.h */
