/* One measured run for scripts/bench/run.py:
 *
 *     spawn RESULT_FILE PROGRAM [ARG...]
 *
 * forks, execs PROGRAM (standard streams inherited), waits with wait4() and
 * writes "WALL_NS CPU_NS MAXRSS_KIB EXIT_STATUS\n" to RESULT_FILE (CPU: user +
 * system time of the process and of the children it waited for).  Exists because the
 * peak RSS the kernel reports for a child counts the memory of the process it
 * was forked from: forked from Python, every tool would weigh at least as much
 * as the Python runner; forked from this, the floor is about a megabyte.
 * Wall time runs from just before fork() to just after wait4() returns.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: spawn RESULT_FILE PROGRAM [ARG...]\n");
        return 2;
    }
    struct timespec t0, t1;
    struct rusage ru;
    int status;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    pid_t pid = fork();
    if (pid < 0) { perror("spawn: fork"); return 2; }
    if (pid == 0) {
        execvp(argv[2], argv + 2);
        perror("spawn: exec");
        _exit(127);
    }
    if (wait4(pid, &status, 0, &ru) < 0) { perror("spawn: wait4"); return 2; }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    long long ns = (long long)(t1.tv_sec - t0.tv_sec) * 1000000000LL + (t1.tv_nsec - t0.tv_nsec);
    int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    FILE *f = fopen(argv[1], "w");
    if (!f) { perror("spawn: result file"); return 2; }
    long long cpu = ((long long)ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000000000LL
                  + ((long long)ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) * 1000LL;
    fprintf(f, "%lld %lld %ld %d\n", ns, cpu, ru.ru_maxrss, code);
    return fclose(f) == 0 ? 0 : 2;
}
