// libFuzzer front end for a .NET fuzz target that uses SharpFuzz's libFuzzer runner (Fuzzer.LibFuzzer.Run).
//
// libFuzzer runs in this native process; the .NET target runs in a child process started once and fed input after
// input, because the CLR cannot live inside a libFuzzer binary. The two share one System V shared-memory segment:
//   [0, 64 KiB)            the edge counters SharpFuzz's instrumentation increments (AFL's map layout)
//   [64 KiB, 64 KiB + max) the current input
// and two pipes on the child's descriptors 198 (sizes to the child) and 199 (status words from the child), named to
// SharpFuzz by environment variables. After each input the counters are copied into libFuzzer's extra-counters section, so libFuzzer's
// coverage feedback is the .NET code's edge coverage.
//
// The child's command line comes from MESH_FUZZ_COMMAND (split on spaces), e.g.
//   MESH_FUZZ_COMMAND="dotnet /tmp/fuzz/Mesh.Fuzz.dll dare-container" ./libfuzzer-sharpfuzz -max_len=65536 corpus/
// A target that throws (status word non-zero) or dies makes this process abort, which libFuzzer reports as a crash
// and saves the input; a target that hangs trips libFuzzer's -timeout as usual.
//
// Build: clang -O2 -fsanitize=fuzzer libfuzzer-sharpfuzz.c -o libfuzzer-sharpfuzz   (Debian: clang, libclang-rt-14-dev)
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/shm.h>
#include <sys/wait.h>
#include <unistd.h>

enum { kMapSize = 1 << 16, kMaxInput = 4 << 20, kToChildFd = 198, kFromChildFd = 199 };

// Not static and marked used: libFuzzer reads it through the section bounds, which the compiler cannot see, so it
// would otherwise drop the stores into it as dead.
__attribute__((used, section("__libfuzzer_extra_counters"))) uint8_t edge_counters[kMapSize];

static uint8_t *shared;
static int to_child = -1, from_child = -1;
static pid_t child;

static void die(const char *what) {
  fprintf(stderr, "libfuzzer-sharpfuzz: %s: %s\n", what, strerror(errno));
  exit(2);
}

static int read_full(int fd, void *buffer, size_t length) {
  uint8_t *p = buffer;
  while (length > 0) {
    ssize_t n = read(fd, p, length);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return -1;
    p += n;
    length -= (size_t)n;
  }
  return 0;
}

static int write_full(int fd, const void *buffer, size_t length) {
  const uint8_t *p = buffer;
  while (length > 0) {
    ssize_t n = write(fd, p, length);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return -1;
    p += n;
    length -= (size_t)n;
  }
  return 0;
}

static void remove_segment(int id) { shmctl(id, IPC_RMID, NULL); }

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc; (void)argv;
  const char *command = getenv("MESH_FUZZ_COMMAND");
  if (command == NULL || *command == '\0') {
    fprintf(stderr, "libfuzzer-sharpfuzz: set MESH_FUZZ_COMMAND to the .NET target's command line\n");
    exit(2);
  }
  // Split the command on spaces: paths with spaces are not supported (fuzz.sh never makes one).
  char *copy = strdup(command);
  char *args[64];
  int count = 0;
  for (char *token = strtok(copy, " "); token != NULL && count < 63; token = strtok(NULL, " ")) args[count++] = token;
  args[count] = NULL;

  int id = shmget(IPC_PRIVATE, kMapSize + kMaxInput, IPC_CREAT | 0600);
  if (id < 0) die("shmget");
  shared = shmat(id, NULL, 0);
  if (shared == (void *)-1) die("shmat");
  char id_text[32];
  snprintf(id_text, sizeof id_text, "%d", id);
  setenv("__LIBFUZZER_SHM_ID", id_text, 1);
  // SharpFuzz opens the pipes by the descriptor numbers these variables name.
  setenv("__LIBFUZZER_CONTROL_PIPE_ID", "198", 1);
  setenv("__LIBFUZZER_STATUS_PIPE_ID", "199", 1);

  int down[2], up[2];
  if (pipe(down) != 0 || pipe(up) != 0) die("pipe");
  child = fork();
  if (child < 0) die("fork");
  if (child == 0) {
    // The child must not outlive this process (libFuzzer exits with _exit on crashes and timeouts).
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (dup2(down[0], kToChildFd) < 0 || dup2(up[1], kFromChildFd) < 0) die("dup2");
    close(down[0]); close(down[1]); close(up[0]); close(up[1]);
    execvp(args[0], args);
    die("exec");
  }
  close(down[0]);
  close(up[1]);
  to_child = down[1];
  from_child = up[0];
  // The segment disappears when both processes have detached, even if this one is killed.
  remove_segment(id);

  int32_t hello;
  if (read_full(from_child, &hello, sizeof hello) != 0) {
    fprintf(stderr, "libfuzzer-sharpfuzz: the target did not start (no handshake): %s\n", command);
    exit(2);
  }
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size > kMaxInput) size = kMaxInput;
  memset(shared, 0, kMapSize);
  memcpy(shared + kMapSize, data, size);
  int32_t length = (int32_t)size, status;
  if (write_full(to_child, &length, sizeof length) != 0 || read_full(from_child, &status, sizeof status) != 0) {
    int child_status = 0;
    waitpid(child, &child_status, WNOHANG);
    fprintf(stderr, "libfuzzer-sharpfuzz: the target process died on this input (wait status %d)\n", child_status);
    abort();
  }
  memcpy(edge_counters, shared, kMapSize);
  if (status != 0) {
    fprintf(stderr, "libfuzzer-sharpfuzz: the target threw an unhandled exception on this input (see above)\n");
    abort();
  }
  return 0;
}
