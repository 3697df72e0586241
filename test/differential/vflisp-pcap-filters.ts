// The VFLisp filters of the libpcap differential test, each with its tcpdump equivalent.

/** libpcap's protocol keywords do not look inside VLAN tags; VFLisp fields do (up to 2 here). */
const anyVlan = (x: string): string => `(${x}) or (vlan and ((${x}) or (vlan and (${x}))))`;

/** libpcap's tcp[] is IPv4 only: the same test on an IPv6 TCP header right after the fixed header. */
const tcp6 = (x: string): string => `(ip6 and ip6[6] = 6 and ${x})`;

/**
 * [id, VFLisp, tcpdump expression, flag]. The flag 'wire-length' marks filters on the frame
 * length: libpcap's `len` is the length on the wire, a filter program sees only the captured
 * bytes, so those filters are compared on complete packets only (caplen = wire length).
 */
export const FILTERS: readonly (readonly [string, string, string, 'wire-length'?])[] = [
  ['tcp', '(= proto 6)', anyVlan('tcp')],
  ['udp', '(= proto 17)', anyVlan('udp')],
  ['icmp', '(= proto 1)', anyVlan('ip proto 1 or ip6 proto 1')],
  ['icmp6', '(= proto 58)', anyVlan('ip proto 58 or ip6 proto 58')],
  ['sctp', '(= proto 132)', anyVlan('sctp')],
  ['not-tcp', '(not (= proto 6))', `not (${anyVlan('tcp')})`],
  ['ip', '(= ip-version 4)', anyVlan('ip')],
  ['ip6', '(= ip-version 6)', anyVlan('ip6')],
  ['arp', '(= ethertype 0x0806)', anyVlan('arp')],
  ['lldp', '(= ethertype 0x88cc)', anyVlan('ether proto 0x88cc')],
  ['dst-port-80', '(= dst-port 80)', anyVlan('dst port 80')],
  ['src-port-53', '(= src-port 53)', anyVlan('src port 53')],
  ['port-443', '(or (= src-port 443) (= dst-port 443))', anyVlan('port 443')],
  ['dst-port-set', '(in dst-port 22 80 443 8080)', anyVlan('dst port 22 or dst port 80 or dst port 443 or dst port 8080')],
  ['dst-portrange', '(range dst-port 1024 65535)', anyVlan('dst portrange 1024-65535')],
  ['tcp-dst-80', '(and (= proto 6) (= dst-port 80))', anyVlan('tcp dst port 80')],
  ['udp-services', '(and (= proto 17) (in src-port 53 67 68 123))', anyVlan('udp and (src port 53 or src port 67 or src port 68 or src port 123)')],
  ['port-mod', '(= (% dst-port 10) 0)', anyVlan('tcp[2:2] % 10 = 0 or udp[2:2] % 10 = 0 or sctp[2:2] % 10 = 0 or (ip6 and (ip6[6] = 6 or ip6[6] = 17 or ip6[6] = 132) and ip6[42:2] % 10 = 0)')],
  ['src-net-10', '(= src-ip 10.0.0.0/8)', anyVlan('ip src net 10.0.0.0/8')],
  ['dst-net-192', '(= dst-ip 192.168.0.0/16)', anyVlan('ip dst net 192.168.0.0/16')],
  ['net-172', '(or (= src-ip 172.16.0.0/12) (= dst-ip 172.16.0.0/12))', anyVlan('ip net 172.16.0.0/12')],
  ['host', '(or (= src-ip 192.168.1.1) (= dst-ip 192.168.1.1))', anyVlan('ip host 192.168.1.1')],
  ['not-net', '(and (= ip-version 4) (!= src-ip 10.0.0.0/8))', anyVlan('ip and not src net 10.0.0.0/8')],
  ['ip4-field', '(= src-ip4 dst-ip4)', anyVlan('ip and ip[12:4] = ip[16:4]')],
  ['src-ll6', '(= src-ip6 fe80::/10)', anyVlan('ip6 src net fe80::/10')],
  ['dst-mc6', '(= dst-ip ff02::/16)', anyVlan('ip6 dst net ff02::/16')],
  ['dst-host6', '(= dst-ip6 ff02::1)', anyVlan('ip6 dst host ff02::1')],
  ['net6-any', '(or (= src-ip 2001:db8::/32) (= dst-ip 2001::/16))', anyVlan('ip6 src net 2001:db8::/32 or ip6 dst net 2001::/16')],
  ['syn', '(tcp-flag syn)', anyVlan(`tcp[tcpflags] & tcp-syn != 0 or ${tcp6('ip6[53] & 2 != 0')}`)],
  ['syn-ack', '(tcp-flag syn ack)', anyVlan(`tcp[tcpflags] & (tcp-syn|tcp-ack) = (tcp-syn|tcp-ack) or ${tcp6('ip6[53] & 18 = 18')}`)],
  ['syn-only', '(and (tcp-flag syn) (not (tcp-flag ack)))', anyVlan(`tcp[13] & 18 = 2 or ${tcp6('ip6[53] & 18 = 2')}`)],
  ['rst', '(tcp-flag rst)', anyVlan(`tcp[tcpflags] & tcp-rst != 0 or ${tcp6('ip6[53] & 4 != 0')}`)],
  ['flags-low', '(= (& tcp-flags 7) 0)', anyVlan(`tcp[13] & 7 = 0 or ${tcp6('ip6[53] & 7 = 0')}`)],
  ['echo-req', '(= icmp-type 8)', anyVlan('icmp[icmptype] = 8 or icmp6[0] = 8')],
  ['echo-reply', '(= icmp-type 0)', anyVlan('icmp[icmptype] = 0 or icmp6[0] = 0')],
  ['port-unreach', '(and (= icmp-type 3) (= icmp-code 3))', anyVlan('(icmp[0] = 3 and icmp[1] = 3) or (icmp6[0] = 3 and icmp6[1] = 3)')],
  ['nd6', '(range icmp-type 133 136)', anyVlan('(icmp[0] >= 133 and icmp[0] <= 136) or (icmp6[0] >= 133 and icmp6[0] <= 136)')],
  ['big', '(> len 1000)', 'len > 1000', 'wire-length'],
  ['small', '(< len 100)', 'len < 100', 'wire-length'],
  ['ip-len', '(> ip-len 1400)', anyVlan('(ip and ip[2:2] > 1400) or (ip6 and ip6[4:2] + 40 > 1400)')],
  ['ttl-1', '(= ttl 1)', anyVlan('(ip and ip[8] = 1) or (ip6 and ip6[7] = 1)')],
  ['hop-255', '(= hop-limit 255)', anyVlan('ip6 and ip6[7] = 255')],
  ['hbh', '(= next-hdr 0)', anyVlan('ip6 and ip6[6] = 0')],
  ['frag', '(= ip-frag 1)', anyVlan('(ip and ip[6:2] & 0x3fff != 0) or (ip6 and ip6[6] = 44)')],
  ['vlan', '(> vlan-tags 0)', 'vlan'],
  ['vlan-udp', '(and (> vlan-tags 0) (= proto 17))', 'vlan and (udp or (vlan and udp))'],
  ['bcast', '(= (u8 0) 0xff)', 'ether[0] = 0xff'],
  ['mcast-bit', '(= (& (u8 0) 1) 1)', 'ether[0] & 1 = 1'],
  ['udp-len', '(and (= proto 17) (= (u16 l4 4) 8))', anyVlan('udp and udp[4:2] = 8')],
  ['tcp-seq0', '(and (= proto 6) (= (u32 l4 4) 0))', anyVlan(`tcp[4:4] = 0 or ${tcp6('ip6[44:4] = 0')}`)],
  ['dns-or-ping', '(or (= dst-port 53) (= icmp-type 8))', anyVlan('dst port 53 or icmp[0] = 8 or icmp6[0] = 8')],
  ['ip6-syn', '(and (= ip-version 6) (tcp-flag syn))', anyVlan(tcp6('ip6[53] & 2 != 0'))],
];

