/*
 * setfilter: a VFM filter inside a libpcap program, without tcpdump -F. The classic BPF comes
 * from `vfm compile FILTER --target=cbpf --format dd > filter.dd` (a C array body of
 * struct bpf_insn initialisers, as tcpdump -dd prints) and goes to pcap_setfilter.
 *
 *   gcc -O2 -DFILTER='"filter.dd"' -o setfilter setfilter.c -lpcap
 *   ./setfilter CAPTURE        prints how many packets the filter accepted
 *
 * Exactly the code of the docs/targets.md guide; test/targets/deploy.test.ts builds and runs it.
 */
#include <pcap/pcap.h>
#include <stdio.h>

static struct bpf_insn insns[] = {
#include FILTER
};

int main(int argc, char **argv) {
    char errbuf[PCAP_ERRBUF_SIZE];
    if (argc != 2) {
        fprintf(stderr, "usage: setfilter CAPTURE\n");
        return 2;
    }
    pcap_t *p = pcap_open_offline(argv[1], errbuf); /* or pcap_open_live(...) on an interface */
    if (p == NULL) {
        fprintf(stderr, "%s\n", errbuf);
        return 2;
    }
    struct bpf_program prog = { sizeof insns / sizeof insns[0], insns };
    if (pcap_setfilter(p, &prog) != 0) {
        fprintf(stderr, "pcap_setfilter: %s\n", pcap_geterr(p));
        return 1;
    }
    struct pcap_pkthdr *h;
    const u_char *data;
    unsigned long accepted = 0;
    while (pcap_next_ex(p, &h, &data) == 1) accepted++;
    printf("%lu\n", accepted);
    pcap_close(p);
    return 0;
}
