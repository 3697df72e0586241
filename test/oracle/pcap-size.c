/*
 * pcap-size: how many classic BPF instructions libpcap compiles a tcpdump expression to,
 * exactly what `tcpdump -d EXPR | wc -l` counts (pcap_compile with the optimizer on).
 *
 *   pcap-size ethernet|raw EXPR...
 *
 * Prints one count per EXPR, or "error MESSAGE". `raw` is DLT_RAW: packets that start at
 * the IP header, as --link ip programs see them.
 */
#include <pcap/pcap.h>
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: pcap-size ethernet|raw EXPR...\n");
        return 2;
    }
    pcap_t *p = pcap_open_dead(strcmp(argv[1], "raw") == 0 ? DLT_RAW : DLT_EN10MB, 262144);
    for (int a = 2; a < argc; a++) {
        struct bpf_program prog;
        if (pcap_compile(p, &prog, argv[a], 1, PCAP_NETMASK_UNKNOWN) != 0) {
            printf("error %s\n", pcap_geterr(p));
            continue;
        }
        printf("%u\n", prog.bf_len);
        pcap_freecode(&prog);
    }
    pcap_close(p);
    return 0;
}
