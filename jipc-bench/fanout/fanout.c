/*
 * fanout: the lean client of jipc's fan-out benchmark (one thread, epoll, non-blocking sockets),
 * plus a minimal C reference server and a free-port helper.
 *
 *   fanout --transport unix|tcp --addr PATH|127.0.0.1:PORT --clients N --server-pid PID
 *          [--size 1024] [--rounds 7] [--warmup 2] [--storm 2000] [--timeout 60] [--stall 15]
 *          [--inflight 0] [--coalesce-us 0] [--detect inq|read] [--impl NAME]
 *   fanout --mode serve --transport unix|tcp --addr ADDR [--size 1024] [--timeout 600]
 *   fanout --mode freeport
 *
 * Client phases (see README.md beside this file): /proc sample of the server at start; connect
 * all N sockets (all in flight unless --inflight K), each sends hello and waits for hi; R timed
 * broadcast rounds after W untimed ones (client 0 sends go, every socket must receive the exact
 * bcast frame: with --detect inq, the default, a round ends when every socket's receive queue
 * holds at least the frame's length (edge-triggered epoll + FIONREAD, nothing copied), and the
 * frames are then read and compared byte for byte, untimed; with --detect read every socket is
 * read and compared inside the timed round); a storm of C sequential connect/hello/hi/close
 * cycles with the N sockets still connected, then up to 5 s for the server's fd and thread counts
 * to come back to their values from just before the storm; no socket may then hold bytes; VmHWM
 * at the end. Prints exactly one JSON line on stdout, exit 0
 * if ok, 1 if a phase failed or timed out (the line then says which phase and why), 2 for bad
 * arguments.
 *
 * Every wait is bounded by --timeout seconds per phase (and by --stall seconds without progress
 * while connecting); only loopback addresses and absolute Unix socket paths are accepted.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#define READ_BUF (256 * 1024)
#define MAX_EVENTS 4096       /* connect phase, --detect read, the reference server */
#define MAX_EVENTS_INQ 65536  /* --detect inq: one epoll_wait can return this many sockets */
#define MAX_ROUNDS 1000
#define SETTLE_MS 5000
#define SETTLE_POLL_MS 50

/* ------------------------------------------------------------------ options */

struct options {
    const char *mode, *transport, *addr, *impl, *detect;
    long clients, size, rounds, warmup, storm, pid, inflight, coalesce_us;
    double timeout, stall;
};

static struct options opt = {
    .mode = "client", .transport = "", .addr = "", .impl = "", .detect = "inq",
    .clients = 1000, .size = 1024, .rounds = 7, .warmup = 2, .storm = 2000, .pid = 0,
    .inflight = 0, .timeout = 60, .stall = 15,
};

static void usage_exit(const char *why) {
    fprintf(stderr, "fanout: %s\n", why);
    fprintf(stderr,
            "usage: fanout --transport unix|tcp --addr ADDR --clients N --server-pid PID [--size S]\n"
            "              [--rounds R] [--warmup W] [--storm C] [--timeout S] [--stall S]\n"
            "              [--inflight K] [--coalesce-us U] [--detect inq|read] [--impl NAME]\n"
            "       fanout --mode serve --transport unix|tcp --addr ADDR [--size S] [--timeout S]\n"
            "       fanout --mode freeport\n");
    exit(2);
}

static long parse_long(const char *name, const char *v, long min, long max) {
    char *end;
    errno = 0;
    long x = strtol(v, &end, 10);
    if (errno || end == v || *end || x < min || x > max) {
        char msg[200];
        snprintf(msg, sizeof msg, "--%s must be a whole number in [%ld, %ld], not '%s'", name, min, max, v);
        usage_exit(msg);
    }
    return x;
}

static double parse_seconds(const char *name, const char *v) {
    char *end;
    double x = strtod(v, &end);
    if (end == v || *end || !(x > 0) || x > 86400) {
        char msg[200];
        snprintf(msg, sizeof msg, "--%s must be a number of seconds in (0, 86400], not '%s'", name, v);
        usage_exit(msg);
    }
    return x;
}

static void parse_options(int argc, char **argv) {
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strncmp(a, "--", 2) != 0) usage_exit("arguments are --name value pairs");
        const char *name = a + 2, *v;
        char key[64];
        const char *eq = strchr(name, '=');
        if (eq) {
            size_t k = (size_t)(eq - name);
            if (k >= sizeof key) usage_exit("option name too long");
            memcpy(key, name, k);
            key[k] = 0;
            name = key;
            v = eq + 1;
        } else {
            if (i + 1 >= argc) usage_exit("missing value");
            v = argv[++i];
        }
        if (!strcmp(name, "mode")) opt.mode = v;
        else if (!strcmp(name, "transport")) opt.transport = v;
        else if (!strcmp(name, "addr")) opt.addr = v;
        else if (!strcmp(name, "impl")) opt.impl = v;
        else if (!strcmp(name, "detect")) {
            if (strcmp(v, "inq") != 0 && strcmp(v, "read") != 0) usage_exit("--detect must be inq or read");
            opt.detect = v;
        }
        else if (!strcmp(name, "clients")) opt.clients = parse_long(name, v, 1, 1000000);
        else if (!strcmp(name, "size")) opt.size = parse_long(name, v, 0, 16 * 1024 * 1024);
        else if (!strcmp(name, "rounds")) opt.rounds = parse_long(name, v, 1, MAX_ROUNDS);
        else if (!strcmp(name, "warmup")) opt.warmup = parse_long(name, v, 0, MAX_ROUNDS);
        else if (!strcmp(name, "storm")) opt.storm = parse_long(name, v, 0, 10000000);
        else if (!strcmp(name, "server-pid")) opt.pid = parse_long(name, v, 1, 1L << 30);
        else if (!strcmp(name, "inflight")) opt.inflight = parse_long(name, v, 0, 1000000);
        else if (!strcmp(name, "coalesce-us")) opt.coalesce_us = parse_long(name, v, 0, 10000);
        else if (!strcmp(name, "timeout")) opt.timeout = parse_seconds(name, v);
        else if (!strcmp(name, "stall")) opt.stall = parse_seconds(name, v);
        else {
            char msg[120];
            snprintf(msg, sizeof msg, "unknown option --%s", name);
            usage_exit(msg);
        }
    }
}

/* ------------------------------------------------------------------ time, JSON result */

static int64_t now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static double ms_since(int64_t t0, int64_t t1) { return (double)(t1 - t0) / 1e6; }

/* CPU time this (single-threaded) client has used, user + system */
static int64_t cpu_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* A sample of the server's /proc entries; -1 / NAN = not read. */
struct sample {
    long threads, fds;
    double rss_mb, hwm_mb;
};

static const struct sample NO_SAMPLE = {-1, -1, NAN, NAN};

static struct result {
    const char *phase;
    char error[600];
    int ok;
    double connect_all_ms;
    long connect_retries, listen_overflows;
    double bcast_ms[MAX_ROUNDS], bcast_cpu_ms[MAX_ROUNDS], bcast_verify_ms[MAX_ROUNDS];
    /* over the timed rounds: socket events handled (one read, or one FIONREAD, each), epoll_waits
     * that returned events, events for sockets already complete (inq only) */
    long bcast_done, bcast_reads, bcast_waits, bcast_repeat_events;
    double storm_ms;
    long storm_cycles, storm_retries;
    struct sample baseline, connected, prestorm, poststorm;
    double fds_settle_ms, threads_settle_ms;
    int fds_returned, threads_returned; /* -1 unknown */
    double peak_rss_mb;
} res;

static void json_string(FILE *f, const char *s) {
    fputc('"', f);
    for (; *s; s++) {
        unsigned char ch = (unsigned char)*s;
        if (ch == '"' || ch == '\\') fprintf(f, "\\%c", ch);
        else if (ch < 0x20) fprintf(f, "\\u%04x", ch);
        else fputc(ch, f);
    }
    fputc('"', f);
}

static void json_num(FILE *f, const char *key, double v, int decimals) {
    if (isnan(v)) fprintf(f, ",\"%s\":null", key);
    else fprintf(f, ",\"%s\":%.*f", key, decimals, v);
}

static void json_long(FILE *f, const char *key, long v) {
    if (v < 0) fprintf(f, ",\"%s\":null", key);
    else fprintf(f, ",\"%s\":%ld", key, v);
}

static void json_bool(FILE *f, const char *key, int v) {
    if (v < 0) fprintf(f, ",\"%s\":null", key);
    else fprintf(f, ",\"%s\":%s", key, v ? "true" : "false");
}

static void json_sample(FILE *f, const char *suffix, const struct sample *s) {
    char k[64];
    snprintf(k, sizeof k, "threads_%s", suffix);
    json_long(f, k, s->threads);
    snprintf(k, sizeof k, "fds_%s", suffix);
    json_long(f, k, s->fds);
    snprintf(k, sizeof k, "rss_%s_mb", suffix);
    json_num(f, k, s->rss_mb, 1);
}

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double median(const double *v, long n) {
    double sorted[MAX_ROUNDS];
    if (n <= 0) return NAN;
    memcpy(sorted, v, sizeof(double) * (size_t)n);
    qsort(sorted, (size_t)n, sizeof(double), cmp_double);
    return n % 2 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}

static void print_result(void) {
    FILE *f = stdout;
    double med = median(res.bcast_ms, res.bcast_done), mn = NAN, mx = NAN;
    for (long i = 0; i < res.bcast_done; i++) {
        if (i == 0 || res.bcast_ms[i] < mn) mn = res.bcast_ms[i];
        if (i == 0 || res.bcast_ms[i] > mx) mx = res.bcast_ms[i];
    }
    fprintf(f, "{\"impl\":");
    json_string(f, opt.impl);
    fprintf(f, ",\"transport\":");
    json_string(f, opt.transport);
    fprintf(f, ",\"n\":%ld,\"size\":%ld,\"rounds\":%ld,\"warmup\":%ld,\"inflight\":%ld,\"coalesce_us\":%ld",
            opt.clients, opt.size, opt.rounds, opt.warmup, opt.inflight, opt.coalesce_us);
    fprintf(f, ",\"detect\":");
    json_string(f, opt.detect);
    fprintf(f, ",\"ok\":%s,\"phase\":", res.ok ? "true" : "false");
    json_string(f, res.phase);
    fprintf(f, ",\"error\":");
    if (res.ok) fprintf(f, "null");
    else json_string(f, res.error);
    json_num(f, "connect_all_ms", res.connect_all_ms, 2);
    json_long(f, "connect_retries", res.connect_retries);
    json_long(f, "tcp_listen_overflows", res.listen_overflows);
    json_num(f, "bcast_median_ms", med, 3);
    json_num(f, "bcast_min_ms", mn, 3);
    json_num(f, "bcast_max_ms", mx, 3);
    fprintf(f, ",\"bcast_rounds_ms\":[");
    for (long i = 0; i < res.bcast_done; i++) fprintf(f, "%s%.3f", i ? "," : "", res.bcast_ms[i]);
    fprintf(f, "]");
    json_num(f, "bcast_client_cpu_median_ms", median(res.bcast_cpu_ms, res.bcast_done), 3);
    int inq = !strcmp(opt.detect, "inq");
    double per_socket =
        res.bcast_done > 0 ? (double)res.bcast_reads / ((double)res.bcast_done * opt.clients) : NAN;
    json_num(f, "bcast_reads_per_socket", inq ? (res.bcast_done > 0 ? 0 : NAN) : per_socket, 2);
    json_num(f, "bcast_checks_per_socket", per_socket, 2);
    json_num(f, "bcast_events_per_wait",
             res.bcast_waits > 0 ? (double)(res.bcast_reads + res.bcast_repeat_events) / res.bcast_waits : NAN, 1);
    json_long(f, "bcast_repeat_events", inq ? (res.bcast_done > 0 ? res.bcast_repeat_events : -1) : -1);
    json_num(f, "bcast_verify_median_ms", inq ? median(res.bcast_verify_ms, res.bcast_done) : NAN, 3);
    json_long(f, "storm_cycles", res.storm_cycles);
    json_num(f, "storm_ms", res.storm_ms, 2);
    json_num(f, "storm_cycles_per_s",
             res.storm_cycles > 0 && res.storm_ms > 0 ? res.storm_cycles / (res.storm_ms / 1000) : NAN, 0);
    json_long(f, "storm_retries", res.storm_retries);
    json_sample(f, "baseline", &res.baseline);
    json_sample(f, "connect", &res.connected);
    json_sample(f, "prestorm", &res.prestorm);
    json_sample(f, "storm", &res.poststorm);
    json_bool(f, "storm_fds_returned", res.fds_returned);
    json_num(f, "storm_fds_settle_ms", res.fds_settle_ms, 0);
    json_bool(f, "storm_threads_returned", res.threads_returned);
    json_num(f, "storm_threads_settle_ms", res.threads_settle_ms, 0);
    json_num(f, "peak_rss_mb", res.peak_rss_mb, 1);
    fprintf(f, "}\n");
    fflush(f);
}

/* ------------------------------------------------------------------ /proc of the server */

static int read_sample(long pid, struct sample *s) {
    *s = NO_SAMPLE;
    char path[64], line[256];
    snprintf(path, sizeof path, "/proc/%ld/status", pid);
    FILE *f = fopen(path, "r");
    if (!f) return -1;
    while (fgets(line, sizeof line, f)) {
        long v;
        if (sscanf(line, "Threads: %ld", &v) == 1) s->threads = v;
        else if (sscanf(line, "VmRSS: %ld kB", &v) == 1) s->rss_mb = v / 1024.0;
        else if (sscanf(line, "VmHWM: %ld kB", &v) == 1) s->hwm_mb = v / 1024.0;
    }
    fclose(f);
    snprintf(path, sizeof path, "/proc/%ld/fd", pid);
    DIR *d = opendir(path);
    if (!d) return -1;
    long n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] != '.') n++;
    }
    closedir(d);
    s->fds = n;
    return s->threads >= 0 ? 0 : -1;
}

/* TcpExt ListenOverflows of this network namespace: SYNs/ACKs dropped because an accept queue
 * was full (every listener in the namespace counts, so it is a hint, not a per-server figure). */
static long listen_overflows(void) {
    FILE *f = fopen("/proc/net/netstat", "r");
    if (!f) return -1;
    static char names[8192], values[8192];
    long out = -1;
    while (fgets(names, sizeof names, f) && fgets(values, sizeof values, f)) {
        if (strncmp(names, "TcpExt:", 7) != 0) continue;
        char *sn, *sv;
        char *n = strtok_r(names, " \n", &sn), *v = strtok_r(values, " \n", &sv);
        while (n && v) {
            if (!strcmp(n, "ListenOverflows")) out = atol(v);
            n = strtok_r(NULL, " \n", &sn);
            v = strtok_r(NULL, " \n", &sv);
        }
        break;
    }
    fclose(f);
    return out;
}

/* ------------------------------------------------------------------ failure */

static void fail(const char *phase, const char *fmt, ...) __attribute__((format(printf, 2, 3), noreturn));

static void fail(const char *phase, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    res.ok = 0;
    res.phase = phase;
    vsnprintf(res.error, sizeof res.error, fmt, ap);
    va_end(ap);
    if (opt.pid > 0 && strcmp(opt.mode, "client") == 0) {
        struct sample s;
        if (read_sample(opt.pid, &s) == 0) {
            res.peak_rss_mb = s.hwm_mb;
            size_t len = strlen(res.error);
            snprintf(res.error + len, sizeof res.error - len,
                     " [server now: %ld threads, %ld fds, %.0f MB RSS]", s.threads, s.fds, s.rss_mb);
        } else {
            size_t len = strlen(res.error);
            snprintf(res.error + len, sizeof res.error - len, " [server process %ld is gone]", opt.pid);
        }
    }
    print_result();
    fprintf(stderr, "fanout: %s: %s\n", phase, res.error);
    exit(1);
}

/* ------------------------------------------------------------------ addresses */

static struct sockaddr_storage peer;
static socklen_t peer_len;

static void parse_addr(void) {
    memset(&peer, 0, sizeof peer);
    if (!strcmp(opt.transport, "unix")) {
        struct sockaddr_un *un = (struct sockaddr_un *)&peer;
        size_t len = strlen(opt.addr);
        if (opt.addr[0] != '/') usage_exit("unix: --addr must be an absolute socket path");
        if (len >= sizeof un->sun_path) usage_exit("unix: socket path too long");
        un->sun_family = AF_UNIX;
        memcpy(un->sun_path, opt.addr, len + 1);
        peer_len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + len + 1);
        return;
    }
    if (strcmp(opt.transport, "tcp") != 0) usage_exit("--transport must be unix or tcp");
    char host[128];
    const char *colon = strrchr(opt.addr, ':');
    if (!colon || colon == opt.addr || (size_t)(colon - opt.addr) >= sizeof host)
        usage_exit("tcp: --addr must be HOST:PORT");
    memcpy(host, opt.addr, (size_t)(colon - opt.addr));
    host[colon - opt.addr] = 0;
    long port = parse_long("addr port", colon + 1, 1, 65535);
    char *h = host;
    size_t hl = strlen(h);
    if (hl >= 2 && h[0] == '[' && h[hl - 1] == ']') {
        h[hl - 1] = 0;
        h++;
    }
    if (!strcmp(h, "localhost")) h = "127.0.0.1";
    struct sockaddr_in *in4 = (struct sockaddr_in *)&peer;
    struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)&peer;
    if (inet_pton(AF_INET, h, &in4->sin_addr) == 1) {
        if ((ntohl(in4->sin_addr.s_addr) >> 24) != 127)
            usage_exit("refusing a non-loopback address: only 127.0.0.0/8 and ::1 are allowed");
        in4->sin_family = AF_INET;
        in4->sin_port = htons((uint16_t)port);
        peer_len = sizeof *in4;
    } else if (inet_pton(AF_INET6, h, &in6->sin6_addr) == 1) {
        if (!IN6_IS_ADDR_LOOPBACK(&in6->sin6_addr))
            usage_exit("refusing a non-loopback address: only 127.0.0.0/8 and ::1 are allowed");
        in6->sin6_family = AF_INET6;
        in6->sin6_port = htons((uint16_t)port);
        peer_len = sizeof *in6;
    } else {
        usage_exit("tcp: the host must be a loopback IP literal (127.0.0.1, ::1) or localhost");
    }
}

static void raise_nofile(void) {
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
        rl.rlim_cur = rl.rlim_max;
        if (setrlimit(RLIMIT_NOFILE, &rl) != 0) perror("fanout: setrlimit(RLIMIT_NOFILE)");
    }
}

static long nofile_limit(void) {
    struct rlimit rl;
    return getrlimit(RLIMIT_NOFILE, &rl) == 0 ? (long)rl.rlim_cur : -1;
}

/* ------------------------------------------------------------------ frames */

static char hello_frame[] = "{\"type\":\"hello\",\"data\":{}}\f";
static char hi_frame[] = "{\"type\":\"hi\",\"data\":{}}\f";
#define HELLO_LEN (sizeof hello_frame - 1)
#define HI_LEN (sizeof hi_frame - 1)

/* {"type":"bcast","data":"<size chars: 'a' + i % 26>"}\f -- the same payload every server builds */
static char *bcast_frame;
static size_t bcast_len;

static char *build_bcast(long size, size_t *len) {
    static const char head[] = "{\"type\":\"bcast\",\"data\":\"";
    static const char tail[] = "\"}\f";
    size_t n = sizeof head - 1 + (size_t)size + sizeof tail - 1;
    char *f = malloc(n + 1);
    if (!f) {
        perror("malloc");
        exit(1);
    }
    memcpy(f, head, sizeof head - 1);
    for (long i = 0; i < size; i++) f[sizeof head - 1 + i] = (char)('a' + i % 26);
    memcpy(f + sizeof head - 1 + size, tail, sizeof tail);
    *len = n;
    return f;
}

/* ------------------------------------------------------------------ client */

enum { C_WAITING, C_CONNECTING, C_HELLO, C_READY, C_DONE };

struct conn {
    int fd;
    uint8_t state;
    uint8_t want_out;
    uint32_t got;     /* bytes of the expected frame received so far */
    uint32_t out_off; /* bytes of hello written (C_HELLO until all are out) */
};

static struct conn *conns;
static int ep;
static char *rbuf;
static long n_hi, n_connected_waiting, n_connecting, n_done;

static void set_events(long i, uint32_t ev) {
    struct epoll_event e = {.events = ev, .data.u64 = (uint64_t)i};
    if (epoll_ctl(ep, EPOLL_CTL_MOD, conns[i].fd, &e) != 0) fail("connect", "epoll_ctl MOD: %s", strerror(errno));
}

static int retriable_connect_error(int e) {
    return e == EAGAIN || e == EADDRNOTAVAIL || e == EINTR;
}

/* Writes the rest of hello; returns 1 when all of it is out. */
static int push_hello(long i) {
    struct conn *c = &conns[i];
    while (c->out_off < HELLO_LEN) {
        ssize_t w = send(c->fd, hello_frame + c->out_off, HELLO_LEN - c->out_off, MSG_NOSIGNAL);
        if (w > 0) {
            c->out_off += (uint32_t)w;
            continue;
        }
        if (w < 0 && errno == EINTR) continue;
        if (w < 0 && errno == EAGAIN) {
            if (!c->want_out) {
                c->want_out = 1;
                set_events(i, EPOLLIN | EPOLLOUT);
            }
            return 0;
        }
        fail("connect", "socket %ld: sending hello failed: %s", i, w < 0 ? strerror(errno) : "wrote 0");
    }
    if (c->want_out) {
        c->want_out = 0;
        set_events(i, EPOLLIN);
    }
    return 1;
}

/* One connect attempt for conn i: 1 = connected or in progress, 0 = retry later. */
static int start_connect(long i) {
    struct conn *c = &conns[i];
    int fd = socket(peer.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        fail("connect", "socket() for client %ld failed: %s (client fd limit %ld)", i, strerror(errno),
             nofile_limit());
    }
    if (peer.ss_family != AF_UNIX) {
        int one = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    }
    int r = connect(fd, (struct sockaddr *)&peer, peer_len);
    if (r != 0 && errno != EINPROGRESS) {
        int e = errno;
        close(fd);
        if (retriable_connect_error(e)) return 0;
        fail("connect", "connect() of client %ld failed: %s", i, strerror(e));
    }
    c->fd = fd;
    c->got = 0;
    c->out_off = 0;
    c->want_out = r != 0;
    struct epoll_event e = {.events = EPOLLIN | (r != 0 ? EPOLLOUT : 0), .data.u64 = (uint64_t)i};
    if (epoll_ctl(ep, EPOLL_CTL_ADD, fd, &e) != 0) fail("connect", "epoll_ctl ADD: %s", strerror(errno));
    if (r == 0) {
        c->state = C_HELLO;
        n_connected_waiting++;
        push_hello(i);
    } else {
        c->state = C_CONNECTING;
        n_connecting++;
    }
    return 1;
}

/* Handles readable bytes for conn i against the frame it expects; returns 1 if the frame is now
 * complete. */
static int take_bytes(const char *phase, long i, const char *frame, size_t len) {
    struct conn *c = &conns[i];
    ssize_t r = read(c->fd, rbuf, READ_BUF);
    if (r < 0) {
        if (errno == EAGAIN || errno == EINTR) return 0;
        fail(phase, "socket %ld: read failed: %s", i, strerror(errno));
    }
    if (r == 0) fail(phase, "socket %ld: the server closed the connection", i);
    if (c->got + (size_t)r > len) {
        fail(phase, "socket %ld: %zd bytes more than the expected %zu-byte frame (state %d)", i,
             (ssize_t)(c->got + (size_t)r - len), len, c->state);
    }
    if (memcmp(rbuf, frame + c->got, (size_t)r) != 0) {
        fail(phase, "socket %ld: bytes %u..%zd differ from the expected frame", i, c->got, c->got + r);
    }
    c->got += (uint32_t)r;
    if (c->got < len) return 0;
    c->got = 0;
    return 1;
}

static void connect_writable(long i) {
    struct conn *c = &conns[i];
    if (c->state == C_CONNECTING) {
        int err = 0;
        socklen_t el = sizeof err;
        getsockopt(c->fd, SOL_SOCKET, SO_ERROR, &err, &el);
        if (err == EINPROGRESS || err == EALREADY) return;
        if (err != 0) fail("connect", "socket %ld: connect failed: %s", i, strerror(err));
        n_connecting--;
        n_connected_waiting++;
        c->state = C_HELLO;
        push_hello(i);
    } else if (c->want_out) {
        push_hello(i);
    }
}

static int ms_until(int64_t deadline) {
    int64_t left = deadline - now_ns();
    if (left <= 0) return 0;
    return (int)((left + 999999) / 1000000);
}

static void phase_connect(void) {
    const char *P = "connect";
    long n = opt.clients, next = 0, retries = 0, inflight_cap = opt.inflight;
    int64_t backoff = 0, next_try = 0;
    struct epoll_event evs[MAX_EVENTS];
    long ov0 = peer.ss_family != AF_UNIX ? listen_overflows() : -1;
    int64_t t0 = now_ns(), deadline = t0 + (int64_t)(opt.timeout * 1e9), last_progress = t0;
    while (n_hi < n) {
        int64_t now = now_ns();
        /* issue connects: all at once, or up to --inflight unanswered */
        while (next < n && now >= next_try &&
               (inflight_cap == 0 || n_connecting + n_connected_waiting < inflight_cap)) {
            if (start_connect(next)) {
                next++;
                backoff = 0;
            } else {
                retries++;
                backoff = backoff == 0 ? 1000000 : (backoff * 2 > 20000000 ? 20000000 : backoff * 2);
                next_try = now + backoff;
                break;
            }
        }
        if (now > deadline) {
            fail(P, "timeout after %.0f s: %ld of %ld answered, %ld connected awaiting hi, %ld connecting, "
                 "%ld not yet connected, %ld connect retries", opt.timeout, n_hi, n, n_connected_waiting,
                 n_connecting, n - next, retries);
        }
        if ((now - last_progress) / 1e9 > opt.stall) {
            fail(P, "no progress for %.0f s: %ld of %ld answered, %ld connected awaiting hi, %ld connecting, "
                 "%ld not yet connected, %ld connect retries", opt.stall, n_hi, n, n_connected_waiting,
                 n_connecting, n - next, retries);
        }
        int tmo = ms_until(deadline);
        if (next < n && (inflight_cap == 0 || n_connecting + n_connected_waiting < inflight_cap)) {
            int t = ms_until(next_try);
            if (t < tmo) tmo = t;
        }
        if (tmo > 200) tmo = 200; /* re-check the stall bound */
        int k = epoll_wait(ep, evs, MAX_EVENTS, tmo);
        if (k < 0) {
            if (errno == EINTR) continue;
            fail(P, "epoll_wait: %s", strerror(errno));
        }
        for (int j = 0; j < k; j++) {
            long i = (long)evs[j].data.u64;
            struct conn *c = &conns[i];
            if (evs[j].events & (EPOLLOUT | EPOLLERR)) {
                connect_writable(i);
                if (c->state == C_CONNECTING) continue;
            }
            if (evs[j].events & (EPOLLIN | EPOLLHUP | EPOLLERR)) {
                if (c->state != C_HELLO) {
                    fail(P, "socket %ld: unexpected data (%s)", i,
                         c->state == C_READY ? "more bytes after its hi" : "before its hello was sent");
                }
                if (take_bytes(P, i, hi_frame, HI_LEN)) {
                    c->state = C_READY;
                    n_connected_waiting--;
                    n_hi++;
                    last_progress = now_ns();
                }
            }
        }
    }
    int64_t t1 = now_ns();
    res.connect_all_ms = ms_since(t0, t1);
    res.connect_retries = retries;
    if (ov0 >= 0) {
        long ov1 = listen_overflows();
        res.listen_overflows = ov1 >= ov0 ? ov1 - ov0 : -1;
    }
}

static void send_small(const char *phase, int fd, const char *buf, size_t len, int64_t deadline) {
    size_t off = 0;
    while (off < len) {
        ssize_t w = send(fd, buf + off, len - off, MSG_NOSIGNAL);
        if (w > 0) {
            off += (size_t)w;
            continue;
        }
        if (w < 0 && errno == EINTR) continue;
        if (w < 0 && errno == EAGAIN) {
            struct pollfd p = {.fd = fd, .events = POLLOUT};
            int t = ms_until(deadline);
            if (t == 0 || poll(&p, 1, t) == 0) fail(phase, "timeout while sending");
            continue;
        }
        fail(phase, "send failed: %s", w < 0 ? strerror(errno) : "wrote 0");
    }
}

/* Starts broadcast round r: every socket waits for the frame again, and client 0 sends go. */
static void start_round(const char *P, long r, int64_t deadline) {
    char go[64];
    int glen = snprintf(go, sizeof go, "{\"type\":\"go\",\"data\":%ld}\f", r);
    for (long i = 0; i < opt.clients; i++) conns[i].state = C_READY;
    n_done = 0;
    send_small(P, conns[0].fd, go, (size_t)glen, deadline);
}

/* Waits for readiness within round r's deadline: the number of events, or -1 when interrupted
 * (wait again). A round past its deadline fails, saying how many sockets "what". */
static int wait_round(const char *P, long r, struct epoll_event *evs, int maxev, int64_t deadline,
                      const char *what) {
    int tmo = ms_until(deadline);
    if (tmo == 0) {
        fail(P, "round %ld: timeout after %.0f s: %ld of %ld sockets %s", r, opt.timeout, n_done,
             opt.clients, what);
    }
    int k = epoll_wait(ep, evs, maxev, tmo);
    if (k < 0) {
        if (errno == EINTR) return -1;
        fail(P, "epoll_wait: %s", strerror(errno));
    }
    return k;
}

/* With --coalesce-us, while frames trickle in (few events per wait), lets a few gather instead
 * of waking per frame; the round's end is then seen up to about that much later. */
static void coalesce(int events) {
    if (opt.coalesce_us > 0 && events < 16 && n_done < opt.clients) {
        struct timespec ts = {0, opt.coalesce_us * 1000L};
        nanosleep(&ts, NULL);
    }
}

/* --detect read: the round is over when every socket's frame has been read and compared (one
 * read syscall and a 1 KiB copy per socket inside the timed part, level-triggered epoll). */
static void phase_broadcast_read(void) {
    long n = opt.clients, total = opt.warmup + opt.rounds;
    struct epoll_event evs[MAX_EVENTS];
    for (long r = 1; r <= total; r++) {
        const char *P = r <= opt.warmup ? "broadcast-warmup" : "broadcast";
        int64_t c0 = cpu_ns(), t0 = now_ns(), deadline = t0 + (int64_t)(opt.timeout * 1e9), t1 = 0;
        start_round(P, r, deadline);
        while (n_done < n) {
            int k = wait_round(P, r, evs, MAX_EVENTS, deadline, "received the bcast frame");
            if (k < 0) continue;
            if (r > opt.warmup) {
                res.bcast_waits++;
                res.bcast_reads += k; /* one read per event */
            }
            for (int j = 0; j < k; j++) {
                long i = (long)evs[j].data.u64;
                if (conns[i].state == C_DONE) {
                    fail(P, "round %ld: socket %ld received more than one bcast frame", r, i);
                }
                if (take_bytes(P, i, bcast_frame, bcast_len)) {
                    conns[i].state = C_DONE;
                    if (++n_done == n) t1 = now_ns();
                }
            }
            coalesce(k);
        }
        if (r > opt.warmup) {
            res.bcast_cpu_ms[res.bcast_done] = ms_since(c0, cpu_ns());
            res.bcast_ms[res.bcast_done++] = ms_since(t0, t1);
        }
    }
}

/* Untimed, after an inq round: every socket must hold exactly one bcast frame -- its bytes read
 * until EAGAIN must be the frame, no fewer, no more, no different. */
static void verify_round(const char *P, long r) {
    for (long i = 0; i < opt.clients; i++) {
        int fd = conns[i].fd;
        size_t got = 0;
        for (;;) {
            ssize_t k = read(fd, rbuf, READ_BUF);
            if (k > 0) {
                if (got + (size_t)k > bcast_len) {
                    fail(P, "round %ld: socket %ld holds %zu bytes more than the expected %zu-byte frame", r, i,
                         got + (size_t)k - bcast_len, bcast_len);
                }
                if (memcmp(rbuf, bcast_frame + got, (size_t)k) != 0) {
                    fail(P, "round %ld: socket %ld: bytes %zu..%zu differ from the expected frame", r, i, got,
                         got + (size_t)k);
                }
                got += (size_t)k;
                continue;
            }
            if (k == 0) fail(P, "round %ld: socket %ld: the server closed the connection", r, i);
            if (errno == EINTR) continue;
            if (errno != EAGAIN) fail(P, "round %ld: socket %ld: read failed: %s", r, i, strerror(errno));
            if (got != bcast_len) {
                fail(P, "round %ld: socket %ld holds only %zu of the %zu-byte frame after FIONREAD said it was complete",
                     r, i, got, bcast_len);
            }
            break;
        }
    }
}

/* --detect inq (the default): the sockets are registered edge-triggered, and each readiness
 * event is answered with one ioctl(FIONREAD) -- the bytes queued in the socket's receive queue,
 * nothing copied; a socket is complete once it holds at least the frame's length. The clock stops
 * at the last socket; then, untimed, every socket is read and its bytes compared with the frame
 * (verify_round). An edge is raised on every arrival of new bytes, so a socket that is short of
 * the frame when checked is reported again when the rest arrives. */
static void phase_broadcast_inq(void) {
    long n = opt.clients, total = opt.warmup + opt.rounds;
    int maxev = n < MAX_EVENTS_INQ ? (int)n : MAX_EVENTS_INQ;
    struct epoll_event *evs = malloc(sizeof *evs * (size_t)maxev);
    if (!evs) fail("broadcast", "out of memory");
    for (long i = 0; i < n; i++) {
        struct epoll_event e = {.events = EPOLLIN | EPOLLRDHUP | EPOLLET, .data.u64 = (uint64_t)i};
        if (epoll_ctl(ep, EPOLL_CTL_MOD, conns[i].fd, &e) != 0) {
            fail("broadcast", "epoll_ctl MOD (edge-triggered) socket %ld: %s", i, strerror(errno));
        }
    }
    for (long r = 1; r <= total; r++) {
        const char *P = r <= opt.warmup ? "broadcast-warmup" : "broadcast";
        int timed = r > opt.warmup;
        int64_t c0 = cpu_ns(), t0 = now_ns(), deadline = t0 + (int64_t)(opt.timeout * 1e9), t1 = 0;
        start_round(P, r, deadline);
        while (n_done < n) {
            int k = wait_round(P, r, evs, maxev, deadline, "held the whole bcast frame");
            if (k < 0) continue;
            if (timed && k > 0) res.bcast_waits++;
            for (int j = 0; j < k; j++) {
                long i = (long)evs[j].data.u64;
                struct conn *c = &conns[i];
                if (c->state == C_DONE) { /* a later edge (more bytes, or the same frame in parts) */
                    if (timed) res.bcast_repeat_events++;
                    continue;
                }
                int queued = 0;
                if (ioctl(c->fd, FIONREAD, &queued) != 0) {
                    fail(P, "round %ld: socket %ld: ioctl(FIONREAD): %s", r, i, strerror(errno));
                }
                if (timed) res.bcast_reads++;
                if (queued >= 0 && (size_t)queued >= bcast_len) {
                    c->state = C_DONE;
                    if (++n_done == n) t1 = now_ns();
                } else if (evs[j].events & (EPOLLHUP | EPOLLERR | EPOLLRDHUP)) {
                    fail(P, "round %ld: socket %ld: closed by the server (or failed) with %d of the %zu-byte frame queued",
                         r, i, queued, bcast_len);
                }
            }
            coalesce(k);
        }
        int64_t c1 = cpu_ns(), v0 = now_ns();
        verify_round(P, r);
        if (timed) {
            res.bcast_cpu_ms[res.bcast_done] = ms_since(c0, c1);
            res.bcast_verify_ms[res.bcast_done] = ms_since(v0, now_ns());
            res.bcast_ms[res.bcast_done++] = ms_since(t0, t1);
        }
    }
    free(evs);
}

static void phase_broadcast(void) {
    if (!strcmp(opt.detect, "inq")) phase_broadcast_inq();
    else phase_broadcast_read();
}

/* At the end (after the storm, so a good while after the last round): none of the N sockets may
 * hold bytes -- a late extra frame from any round would be here (or in the next round's check). */
static void check_quiet(void) {
    for (long i = 0; i < opt.clients; i++) {
        int queued = 0;
        if (ioctl(conns[i].fd, FIONREAD, &queued) != 0) fail("end", "socket %ld: ioctl(FIONREAD): %s", i, strerror(errno));
        if (queued != 0) fail("end", "socket %ld holds %d unexpected bytes after the last broadcast round", i, queued);
    }
}

static void phase_storm(void) {
    const char *P = "storm";
    int64_t t0 = now_ns(), deadline = t0 + (int64_t)(opt.timeout * 1e9);
    long retries = 0;
    char buf[256];
    for (long cycle = 0; cycle < opt.storm; cycle++) {
        int fd = -1;
        int64_t backoff = 1000000;
        for (;;) {
            if (now_ns() > deadline) {
                fail(P, "timeout after %.0f s connecting in cycle %ld of %ld", opt.timeout, cycle, opt.storm);
            }
            fd = socket(peer.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
            if (fd < 0) fail(P, "socket(): %s", strerror(errno));
            if (connect(fd, (struct sockaddr *)&peer, peer_len) == 0) break;
            int e = errno;
            if (e == EINPROGRESS) {
                struct pollfd p = {.fd = fd, .events = POLLOUT};
                int t = ms_until(deadline);
                if (t == 0 || poll(&p, 1, t) <= 0) fail(P, "cycle %ld: connect timed out", cycle);
                int err = 0;
                socklen_t el = sizeof err;
                getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &el);
                if (err == 0) break;
                e = err;
            }
            close(fd);
            if (!retriable_connect_error(e)) fail(P, "cycle %ld: connect failed: %s", cycle, strerror(e));
            retries++;
            struct timespec ts = {0, (long)backoff};
            nanosleep(&ts, NULL);
            if (backoff < 20000000) backoff *= 2;
        }
        send_small(P, fd, hello_frame, HELLO_LEN, deadline);
        size_t got = 0;
        while (got < HI_LEN) {
            struct pollfd p = {.fd = fd, .events = POLLIN};
            int t = ms_until(deadline);
            if (t == 0 || poll(&p, 1, t) == 0) {
                fail(P, "timeout after %.0f s waiting for hi in cycle %ld of %ld", opt.timeout, cycle, opt.storm);
            }
            ssize_t r = read(fd, buf, sizeof buf);
            if (r < 0 && (errno == EAGAIN || errno == EINTR)) continue;
            if (r < 0) fail(P, "cycle %ld: read failed: %s", cycle, strerror(errno));
            if (r == 0) fail(P, "cycle %ld: the server closed the connection before hi", cycle);
            if (got + (size_t)r > HI_LEN || memcmp(buf, hi_frame + got, (size_t)r) != 0) {
                fail(P, "cycle %ld: unexpected bytes instead of hi", cycle);
            }
            got += (size_t)r;
        }
        close(fd);
        res.storm_cycles = cycle + 1;
    }
    res.storm_ms = ms_since(t0, now_ns());
    res.storm_retries = retries;
}

/* Up to SETTLE_MS: until the server's fd count, then also its thread count, are back at (or
 * below) their values from just before the storm. The last sample is reported. */
static void settle_after_storm(void) {
    int64_t t0 = now_ns();
    struct sample s = NO_SAMPLE;
    for (int k = 0; k <= SETTLE_MS / SETTLE_POLL_MS; k++) {
        if (read_sample(opt.pid, &s) != 0) fail("storm-settle", "cannot read /proc/%ld", opt.pid);
        double t = ms_since(t0, now_ns());
        if (isnan(res.fds_settle_ms) && s.fds <= res.prestorm.fds) res.fds_settle_ms = t;
        if (isnan(res.threads_settle_ms) && s.threads <= res.prestorm.threads) res.threads_settle_ms = t;
        if (!isnan(res.fds_settle_ms) && !isnan(res.threads_settle_ms)) break;
        struct timespec ts = {0, SETTLE_POLL_MS * 1000000L};
        nanosleep(&ts, NULL);
    }
    res.poststorm = s;
    res.fds_returned = !isnan(res.fds_settle_ms);
    res.threads_returned = !isnan(res.threads_settle_ms);
}

static void init_result(void) {
    res.phase = "start";
    res.connect_all_ms = res.storm_ms = res.peak_rss_mb = NAN;
    res.fds_settle_ms = res.threads_settle_ms = NAN;
    res.connect_retries = res.listen_overflows = res.storm_cycles = res.storm_retries = -1;
    res.baseline = res.connected = res.prestorm = res.poststorm = NO_SAMPLE;
    res.fds_returned = res.threads_returned = -1;
}

static int run_client(void) {
    init_result();
    if (opt.pid <= 0) usage_exit("--server-pid is required");
    parse_addr();
    raise_nofile();
    res.phase = "baseline";
    if (read_sample(opt.pid, &res.baseline) != 0) fail("baseline", "cannot read /proc/%ld", opt.pid);
    long need = opt.clients + 16;
    if (nofile_limit() < need) {
        fail("baseline", "the client's fd limit %ld is below the %ld it needs for %ld clients", nofile_limit(),
             need, opt.clients);
    }
    bcast_frame = build_bcast(opt.size, &bcast_len);
    /* --coalesce-us: sleep that long, not up to 50 us (the default timer slack) longer */
    if (opt.coalesce_us > 0) prctl(PR_SET_TIMERSLACK, 1000UL, 0, 0, 0);
    conns = calloc((size_t)opt.clients, sizeof *conns);
    rbuf = malloc(READ_BUF);
    ep = epoll_create1(EPOLL_CLOEXEC);
    if (!conns || !rbuf || ep < 0) fail("baseline", "out of memory or epoll_create1 failed");

    res.phase = "connect";
    phase_connect();
    if (read_sample(opt.pid, &res.connected) != 0) fail("connect", "cannot read /proc/%ld", opt.pid);

    res.phase = "broadcast";
    phase_broadcast();

    res.phase = "storm";
    if (read_sample(opt.pid, &res.prestorm) != 0) fail("storm", "cannot read /proc/%ld", opt.pid);
    phase_storm();
    settle_after_storm();

    check_quiet();
    struct sample end;
    if (read_sample(opt.pid, &end) != 0) fail("end", "cannot read /proc/%ld", opt.pid);
    res.peak_rss_mb = end.hwm_mb;
    res.phase = "end";
    res.ok = 1;
    print_result();
    for (long i = 0; i < opt.clients; i++) close(conns[i].fd);
    return 0;
}

/* ------------------------------------------------------------------ reference server */

struct sconn {
    char *in, *out;
    size_t inlen, incap, outlen, outoff, outcap;
    int open;
};

static struct sconn *sc;
static long sc_cap;
static int sep;
static int *dead; /* sockets to close at the end of this event-loop pass */
static long ndead;

static void srv_kill(int fd) {
    if (sc[fd].open) {
        sc[fd].open = 0;
        dead[ndead++] = fd;
    }
}

static void srv_close(int fd) {
    struct sconn *c = &sc[fd];
    epoll_ctl(sep, EPOLL_CTL_DEL, fd, NULL);
    close(fd);
    free(c->in);
    free(c->out);
    memset(c, 0, sizeof *c);
}

static void srv_send(int fd, const char *buf, size_t len) {
    struct sconn *c = &sc[fd];
    size_t off = 0;
    if (c->outlen == c->outoff) {
        c->outlen = c->outoff = 0;
        while (off < len) {
            ssize_t w = send(fd, buf + off, len - off, MSG_NOSIGNAL);
            if (w > 0) off += (size_t)w;
            else if (w < 0 && errno == EINTR) continue;
            else if (w < 0 && errno == EAGAIN) break;
            else {
                srv_kill(fd);
                return;
            }
        }
        if (off == len) return;
    }
    size_t rest = len - off;
    if (c->outlen + rest > c->outcap) {
        size_t cap = c->outcap ? c->outcap : 4096;
        while (cap < c->outlen + rest) cap *= 2;
        char *p = cap > 64u * 1024 * 1024 ? NULL : realloc(c->out, cap); /* a peer not reading is dropped */
        if (!p) {
            srv_kill(fd);
            return;
        }
        c->out = p;
        c->outcap = cap;
    }
    int was_idle = c->outlen == c->outoff;
    memcpy(c->out + c->outlen, buf + off, rest);
    c->outlen += rest;
    if (was_idle) {
        struct epoll_event e = {.events = EPOLLIN | EPOLLOUT, .data.u64 = (uint64_t)fd};
        epoll_ctl(sep, EPOLL_CTL_MOD, fd, &e);
    }
}

static void srv_flush(int fd) {
    struct sconn *c = &sc[fd];
    while (c->outoff < c->outlen) {
        ssize_t w = send(fd, c->out + c->outoff, c->outlen - c->outoff, MSG_NOSIGNAL);
        if (w > 0) c->outoff += (size_t)w;
        else if (w < 0 && errno == EINTR) continue;
        else if (w < 0 && errno == EAGAIN) return;
        else {
            srv_kill(fd);
            return;
        }
    }
    c->outlen = c->outoff = 0;
    struct epoll_event e = {.events = EPOLLIN, .data.u64 = (uint64_t)fd};
    epoll_ctl(sep, EPOLL_CTL_MOD, fd, &e);
}

static int srv_frames(int fd) {
    struct sconn *c = &sc[fd];
    size_t start = 0;
    for (size_t i = 0; i < c->inlen; i++) {
        if (c->in[i] != '\f') continue;
        const char *f = c->in + start;
        size_t flen = i - start;
        start = i + 1;
        if (flen >= 16 && !memcmp(f, "{\"type\":\"hello\"", 15)) {
            srv_send(fd, hi_frame, HI_LEN);
        } else if (flen >= 13 && !memcmp(f, "{\"type\":\"go\"", 12)) {
            /* the send loop is timed (to stderr, after it) so the round the client measures can be
             * split into this server's writes and the client noticing the last frame */
            int64_t t0 = now_ns();
            long sent = 0;
            for (long k = 0; k < sc_cap; k++) {
                if (sc[k].open) {
                    srv_send((int)k, bcast_frame, bcast_len);
                    sent++;
                }
            }
            static long gos;
            fprintf(stderr, "go %ld: bcast to %ld sockets, send loop %.3f ms\n", ++gos, sent, ms_since(t0, now_ns()));
        }
    }
    if (start > 0) {
        memmove(c->in, c->in + start, c->inlen - start);
        c->inlen -= start;
    }
    return c->inlen <= 1024 * 1024;
}

static int run_server(void) {
    parse_addr();
    raise_nofile();
    bcast_frame = build_bcast(opt.size, &bcast_len);
    sc_cap = nofile_limit();
    if (sc_cap <= 0 || sc_cap > 4 * 1024 * 1024) sc_cap = 65536;
    sc = calloc((size_t)sc_cap, sizeof *sc);
    dead = calloc((size_t)sc_cap, sizeof *dead);
    char *buf = malloc(READ_BUF);
    if (!sc || !dead || !buf) usage_exit("out of memory");
    int lfd = socket(peer.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (lfd < 0) {
        perror("socket");
        return 1;
    }
    if (peer.ss_family == AF_UNIX) {
        struct stat st;
        if (lstat(opt.addr, &st) == 0 && S_ISSOCK(st.st_mode)) unlink(opt.addr);
    } else {
        int one = 1;
        setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    }
    if (bind(lfd, (struct sockaddr *)&peer, peer_len) != 0 || listen(lfd, 511) != 0) {
        fprintf(stderr, "fanout serve: bind/listen %s: %s\n", opt.addr, strerror(errno));
        return 1;
    }
    sep = epoll_create1(EPOLL_CLOEXEC);
    struct epoll_event le = {.events = EPOLLIN, .data.u64 = UINT64_MAX};
    epoll_ctl(sep, EPOLL_CTL_ADD, lfd, &le);
    alarm((unsigned)opt.timeout); /* SIGALRM's default action ends the process */
    printf("READY %s %s\n", opt.transport, opt.addr);
    fflush(stdout);
    struct epoll_event evs[MAX_EVENTS];
    long accept_errors = 0;
    for (;;) {
        int k = epoll_wait(sep, evs, MAX_EVENTS, 1000);
        if (k < 0 && errno != EINTR) {
            perror("epoll_wait");
            return 1;
        }
        for (int j = 0; j < k; j++) {
            if (evs[j].data.u64 == UINT64_MAX) {
                for (int a = 0; a < 4096; a++) {
                    int fd = accept4(lfd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
                    if (fd < 0) {
                        if (errno != EAGAIN && errno != EINTR && accept_errors++ < 20) perror("accept4");
                        break;
                    }
                    if (fd >= sc_cap) {
                        close(fd);
                        continue;
                    }
                    if (peer.ss_family != AF_UNIX) {
                        int one = 1;
                        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
                    }
                    sc[fd].open = 1;
                    struct epoll_event e = {.events = EPOLLIN, .data.u64 = (uint64_t)fd};
                    epoll_ctl(sep, EPOLL_CTL_ADD, fd, &e);
                }
                continue;
            }
            int fd = (int)evs[j].data.u64;
            struct sconn *c = &sc[fd];
            if (!c->open) continue;
            if (evs[j].events & EPOLLOUT) srv_flush(fd);
            if (c->open && (evs[j].events & (EPOLLIN | EPOLLHUP | EPOLLERR))) {
                ssize_t r = read(fd, buf, READ_BUF);
                if (r < 0 && (errno == EAGAIN || errno == EINTR)) continue;
                if (r <= 0) {
                    srv_kill(fd);
                } else {
                    if (c->inlen + (size_t)r > c->incap) {
                        size_t cap = c->incap ? c->incap : 1024;
                        while (cap < c->inlen + (size_t)r) cap *= 2;
                        char *p = realloc(c->in, cap);
                        if (!p) {
                            srv_kill(fd);
                        } else {
                            c->in = p;
                            c->incap = cap;
                        }
                    }
                    if (c->open) {
                        memcpy(c->in + c->inlen, buf, (size_t)r);
                        c->inlen += (size_t)r;
                        if (!srv_frames(fd)) srv_kill(fd);
                    }
                }
            }
        }
        /* close the sockets that failed in this pass (a broadcast can fail any of them) */
        for (long d = 0; d < ndead; d++) srv_close(dead[d]);
        ndead = 0;
    }
}

/* ------------------------------------------------------------------ main */

int main(int argc, char **argv) {
    signal(SIGPIPE, SIG_IGN);
    parse_options(argc, argv);
    if (!strcmp(opt.mode, "freeport")) {
        int fd = socket(AF_INET, SOCK_STREAM, 0);
        struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = 0};
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t al = sizeof a;
        if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof a) != 0 ||
            getsockname(fd, (struct sockaddr *)&a, &al) != 0) {
            perror("fanout freeport");
            return 1;
        }
        printf("%d\n", ntohs(a.sin_port));
        close(fd);
        return 0;
    }
    if (!strcmp(opt.mode, "serve")) return run_server();
    if (strcmp(opt.mode, "client") != 0) usage_exit("--mode must be client, serve or freeport");
    return run_client();
}
