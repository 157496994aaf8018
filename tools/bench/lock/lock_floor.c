/* The floor of the lock benchmark (tools/bench/lock-bench.py): the least a writer can do per append under the X-1
 * binding — blocking flock on <root>/.mesh-lock, fstat the container (learn its end), write one record of the payload
 * size, unlock. No DARE framing, no digests. Same protocol as Mesh.LockBench:
 *   lock_floor ROOT CONTAINER APPENDS PAYLOAD_BYTES WORKER_ID
 *   prints "ready", waits for a line on stdin, appends, prints {"startUs","endUs","appends","waitsUs":[…]} */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static long long now_us(void) {
    struct timespec t;
    clock_gettime(CLOCK_REALTIME, &t);
    return (long long)t.tv_sec * 1000000LL + t.tv_nsec / 1000;
}

static double mono_us(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e6 + t.tv_nsec / 1e3;
}

int main(int argc, char **argv) {
    if (argc != 6) {
        fprintf(stderr, "usage: lock_floor ROOT CONTAINER APPENDS PAYLOAD_BYTES WORKER_ID\n");
        return 2;
    }
    char lockPath[4096];
    snprintf(lockPath, sizeof lockPath, "%s/.mesh-lock", argv[1]);
    int appends = atoi(argv[3]), size = atoi(argv[4]);
    int lockFd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    int fd = open(argv[2], O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (lockFd < 0 || fd < 0 || appends <= 0 || size <= 0) { perror("lock_floor"); return 2; }
    char *record = malloc(size);
    double *waits = malloc(sizeof(double) * appends);
    memset(record, 'x', size);

    printf("ready\n");
    fflush(stdout);
    char line[64];
    if (!fgets(line, sizeof line, stdin)) return 2;
    long long start = now_us();
    for (int i = 0; i < appends; i++) {
        double asked = mono_us();
        if (flock(lockFd, LOCK_EX) != 0) { perror("flock"); return 1; }
        waits[i] = mono_us() - asked;
        struct stat st;
        fstat(fd, &st);
        if (write(fd, record, size) != size) { perror("write"); return 1; }
        flock(lockFd, LOCK_UN);
    }
    long long end = now_us();
    printf("{\"startUs\":%lld,\"endUs\":%lld,\"appends\":%d,\"waitsUs\":[", start, end, appends);
    for (int i = 0; i < appends; i++) printf(i ? ",%.1f" : "%.1f", waits[i]);
    printf("]}\n");
    return 0;
}
