/*
 * pcap-filter-oracle: libpcap's verdicts for many tcpdump expressions over many captures.
 *
 *   pcap-filter-oracle verdicts EXPRFILE CAPTURE...
 *       EXPRFILE holds one expression per line. For each CAPTURE: the line
 *       "capture LINKTYPE SNAPLEN", then for each expression that fails to compile with
 *       optimize=1 "error I MESSAGE", then one line per packet: the captured bytes in hex,
 *       the wire length and one character per expression: '1' accepted by both the
 *       optimized and the unoptimized program, '0' by neither, 'o' only by the optimized
 *       one, 'u' only by the unoptimized one, 'e' the expression does not compile.
 *       Every expression is compiled against each capture's handle (its link type and snap
 *       length) with PCAP_NETMASK_UNKNOWN, once per capture; bpf_filter gets the record's
 *       wire and captured lengths, as pcap_offline_filter does.
 *   pcap-filter-oracle size EXPRFILE
 *       One line per expression: the instruction count of the optimized program for
 *       Ethernet (snap length 262144), or "error MESSAGE".
 *   pcap-filter-oracle cbpf PROGFILE CAPTURE...
 *       PROGFILE holds classic BPF programs in tcpdump -ddd form, each one line of
 *       comma-separated numbers "N,code jt jf k,...". Prints one line per packet with one
 *       character per program: '1' when bpf_filter returns nonzero, else '0'.
 * Exit status: 0 ok, 2 usage or a file that cannot be opened.
 */
#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char **read_lines(const char *path, int *count) {
    FILE *f = fopen(path, "r");
    if (f == NULL) return NULL;
    size_t cap = 1024, n = 0;
    char **lines = malloc(cap * sizeof *lines);
    char *line = NULL;
    size_t len = 0;
    ssize_t got;
    while ((got = getline(&line, &len, f)) != -1) {
        while (got > 0 && (line[got - 1] == '\n' || line[got - 1] == '\r')) line[--got] = '\0';
        if (n == cap) lines = realloc(lines, (cap *= 2) * sizeof *lines);
        lines[n++] = strdup(line);
    }
    free(line);
    fclose(f);
    *count = (int)n;
    return lines;
}

static int verdicts(int n, char **exprs, int ncap, char **caps) {
    char errbuf[PCAP_ERRBUF_SIZE];
    struct bpf_program *opt = calloc((size_t)n + 1, sizeof *opt);
    struct bpf_program *raw = calloc((size_t)n + 1, sizeof *raw);
    char *ok = calloc((size_t)n + 1, 1);
    char *out = malloc((size_t)n + 1);
    for (int c = 0; c < ncap; c++) {
        pcap_t *p = pcap_open_offline(caps[c], errbuf);
        if (p == NULL) {
            printf("open-error %s\n", errbuf);
            return 2;
        }
        printf("capture %d %d\n", pcap_datalink(p), pcap_snapshot(p));
        for (int i = 0; i < n; i++) {
            ok[i] = pcap_compile(p, &opt[i], exprs[i], 1, PCAP_NETMASK_UNKNOWN) == 0;
            if (!ok[i]) {
                printf("error %d %s\n", i, pcap_geterr(p));
                continue;
            }
            if (pcap_compile(p, &raw[i], exprs[i], 0, PCAP_NETMASK_UNKNOWN) != 0) {
                printf("error %d unoptimized: %s\n", i, pcap_geterr(p));
                pcap_freecode(&opt[i]);
                ok[i] = 0;
            }
        }
        struct pcap_pkthdr *hdr;
        const u_char *data;
        while (pcap_next_ex(p, &hdr, &data) == 1) {
            for (bpf_u_int32 k = 0; k < hdr->caplen; k++) printf("%02x", data[k]);
            for (int i = 0; i < n; i++) {
                if (!ok[i]) {
                    out[i] = 'e';
                    continue;
                }
                int a = bpf_filter(opt[i].bf_insns, data, hdr->len, hdr->caplen) != 0;
                int b = bpf_filter(raw[i].bf_insns, data, hdr->len, hdr->caplen) != 0;
                out[i] = a && b ? '1' : a ? 'o' : b ? 'u' : '0';
            }
            out[n] = '\0';
            printf(" %u %s\n", hdr->len, out);
        }
        for (int i = 0; i < n; i++) {
            if (ok[i]) {
                pcap_freecode(&opt[i]);
                pcap_freecode(&raw[i]);
            }
        }
        pcap_close(p);
    }
    return 0;
}

static int sizes(int n, char **exprs) {
    pcap_t *p = pcap_open_dead(DLT_EN10MB, 262144);
    struct bpf_program prog;
    for (int i = 0; i < n; i++) {
        if (pcap_compile(p, &prog, exprs[i], 1, PCAP_NETMASK_UNKNOWN) != 0) {
            printf("error %s\n", pcap_geterr(p));
            continue;
        }
        printf("%u\n", prog.bf_len);
        pcap_freecode(&prog);
    }
    pcap_close(p);
    return 0;
}

static int cbpf(int n, char **texts, int ncap, char **caps) {
    char errbuf[PCAP_ERRBUF_SIZE];
    struct bpf_insn **progs = calloc((size_t)n + 1, sizeof *progs);
    for (int i = 0; i < n; i++) {
        char *s = texts[i];
        unsigned count = (unsigned)strtoul(s, &s, 10);
        progs[i] = calloc(count + 1, sizeof **progs);
        for (unsigned k = 0; k < count; k++) {
            while (*s == ',' || *s == ' ') s++;
            progs[i][k].code = (u_short)strtoul(s, &s, 10);
            progs[i][k].jt = (u_char)strtoul(s, &s, 10);
            progs[i][k].jf = (u_char)strtoul(s, &s, 10);
            progs[i][k].k = (bpf_u_int32)strtoul(s, &s, 10);
        }
        if (!bpf_validate(progs[i], (int)count)) {
            printf("invalid %d\n", i);
            return 3;
        }
    }
    char *out = malloc((size_t)n + 1);
    for (int c = 0; c < ncap; c++) {
        pcap_t *p = pcap_open_offline(caps[c], errbuf);
        if (p == NULL) {
            printf("open-error %s\n", errbuf);
            return 2;
        }
        struct pcap_pkthdr *hdr;
        const u_char *data;
        while (pcap_next_ex(p, &hdr, &data) == 1) {
            for (int i = 0; i < n; i++) out[i] = bpf_filter(progs[i], data, hdr->len, hdr->caplen) != 0 ? '1' : '0';
            out[n] = '\0';
            printf("%s\n", out);
        }
        pcap_close(p);
    }
    return 0;
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: pcap-filter-oracle verdicts|size|cbpf FILE [CAPTURE...]\n");
        return 2;
    }
    int n;
    char **lines = read_lines(argv[2], &n);
    if (lines == NULL) {
        fprintf(stderr, "cannot read %s\n", argv[2]);
        return 2;
    }
    if (strcmp(argv[1], "verdicts") == 0) return verdicts(n, lines, argc - 3, argv + 3);
    if (strcmp(argv[1], "size") == 0) return sizes(n, lines);
    if (strcmp(argv[1], "cbpf") == 0) return cbpf(n, lines, argc - 3, argv + 3);
    fprintf(stderr, "unknown mode %s\n", argv[1]);
    return 2;
}
