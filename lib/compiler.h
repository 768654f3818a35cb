/* compiler.h: attributes and compiler helpers used throughout svs.
 *
 * Every macro here expands to nothing on compilers that lack the
 * feature, so code stays portable; svs is only built with GCC and
 * clang in practice. */
#ifndef SVS_COMPILER_H
#define SVS_COMPILER_H 1

#define SVS_UNUSED __attribute__((__unused__))
#define SVS_NO_RETURN __attribute__((__noreturn__))
#define SVS_PRINTF_FORMAT(FMT, ARG1) \
    __attribute__((__format__(__printf__, FMT, ARG1)))
#define SVS_WARN_UNUSED_RESULT __attribute__((__warn_unused_result__))
#define SVS_LIKELY(X) __builtin_expect(!!(X), 1)
#define SVS_UNLIKELY(X) __builtin_expect(!!(X), 0)
#define SVS_PACKED __attribute__((__packed__))
#define SVS_ALWAYS_INLINE inline __attribute__((__always_inline__))

/* Thread-safety annotations.  They document which lock guards a field or
 * which lock a function needs; clang's -Wthread-safety can check them. */
#if defined(__clang__)
#define SVS_GUARDED_BY(LOCK) __attribute__((guarded_by(LOCK)))
#define SVS_REQUIRES(...) __attribute__((requires_capability(__VA_ARGS__)))
#define SVS_EXCLUDED(...) __attribute__((locks_excluded(__VA_ARGS__)))
#else
#define SVS_GUARDED_BY(LOCK)
#define SVS_REQUIRES(...)
#define SVS_EXCLUDED(...)
#endif

#endif /* compiler.h */
