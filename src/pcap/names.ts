// Names a pcap-filter expression may use: IP protocol names (/etc/protocols), service names
// (/etc/services, TCP and UDP ports) and host names. The core has a built-in table of the
// common ones (Debian netbase values), for the browser; Node reads the system files
// (src/node/pcap-names.ts) and passes them in as a PcapNames.

/** Ports a service name stands for, by transport protocol. */
export interface ServicePorts {
  readonly tcp?: number;
  readonly udp?: number;
  readonly sctp?: number;
}

/** Name lookups used by the compiler; every method may return undefined for "unknown". */
export interface PcapNames {
  /** IP protocol number of a name such as `tcp` (getprotobyname). */
  protocol(name: string): number | undefined;
  /** Ports of a service name such as `domain` (getservbyname for tcp, udp and sctp). */
  service(name: string): ServicePorts | undefined;
  /** IPv4 (32-bit) and IPv6 (128-bit) addresses of a host name, in file order. */
  host?(name: string): readonly (number | bigint)[] | undefined;
  /**
   * The network number of a network name (getnetbyname, /etc/networks), as inet_network
   * gives it: `10.1` is 0x0a01, right-aligned; the compiler left-aligns it as libpcap does.
   */
  network?(name: string): number | undefined;
  /** The 6 bytes of the MAC address of a host name (ether_hostton, /etc/ethers). */
  ether?(name: string): readonly number[] | undefined;
}

/**
 * inet_network(3): 1 to 4 dot-separated parts (decimal, 0x hex or 0 octal, each 0-255),
 * combined right-aligned (`10.1` is 0x0a01); undefined when it is not a network number.
 */
export function inetNetwork(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length > 4) return undefined;
  let v = 0;
  for (const p of parts) {
    const n = /^0[xX][0-9a-fA-F]+$/.test(p) ? parseInt(p.slice(2), 16) : /^0[0-7]*$/.test(p) ? parseInt(p, 8) : /^[1-9][0-9]*$/.test(p) ? Number(p) : NaN;
    if (!(n >= 0 && n <= 255)) return undefined;
    v = v * 256 + n;
  }
  return v >>> 0;
}

const PROTOCOLS: Readonly<Record<string, number>> = {
  ip: 0, hopopt: 0, icmp: 1, igmp: 2, ggp: 3, ipencap: 4, st: 5, tcp: 6, egp: 8, igp: 9, pup: 12, udp: 17, hmp: 20,
  'xns-idp': 22, rdp: 27, 'iso-tp4': 29, dccp: 33, xtp: 36, ddp: 37, 'idpr-cmtp': 38, ipv6: 41, 'ipv6-route': 43,
  'ipv6-frag': 44, idrp: 45, rsvp: 46, gre: 47, esp: 50, ah: 51, skip: 57, 'ipv6-icmp': 58, 'ipv6-nonxt': 59,
  'ipv6-opts': 60, rspf: 73, vmtp: 81, eigrp: 88, ospf: 89, 'ax.25': 93, ipip: 94, etherip: 97, encap: 98, pim: 103,
  ipcomp: 108, vrrp: 112, l2tp: 115, isis: 124, sctp: 132, fc: 133, 'mobility-header': 135, udplite: 136,
  'mpls-in-ip': 137, manet: 138, hip: 139, shim6: 140, wesp: 141, rohc: 142, ethernet: 143,
};

// [name, tcp port, udp port]; 0 when the service has no port on that protocol.
const SERVICES: readonly (readonly [string, number, number])[] = [
  ['tcpmux', 1, 0], ['echo', 7, 7], ['discard', 9, 9], ['systat', 11, 0], ['daytime', 13, 13], ['netstat', 15, 0],
  ['qotd', 17, 0], ['chargen', 19, 19], ['ftp-data', 20, 0], ['ftp', 21, 0], ['ssh', 22, 0], ['telnet', 23, 0],
  ['smtp', 25, 0], ['time', 37, 37], ['whois', 43, 0], ['tacacs', 49, 49], ['domain', 53, 53], ['gopher', 70, 0],
  ['finger', 79, 0], ['http', 80, 0], ['www', 80, 0], ['kerberos', 88, 88], ['iso-tsap', 102, 0], ['acr-nema', 104, 0],
  ['pop3', 110, 0], ['sunrpc', 111, 111], ['auth', 113, 0], ['nntp', 119, 0], ['ntp', 0, 123], ['epmap', 135, 0],
  ['netbios-ns', 0, 137], ['netbios-dgm', 0, 138], ['netbios-ssn', 139, 0], ['imap2', 143, 0], ['imap', 143, 0],
  ['snmp', 161, 161], ['snmp-trap', 162, 162], ['cmip-man', 163, 163], ['cmip-agent', 164, 164], ['mailq', 174, 0],
  ['xdmcp', 0, 177], ['bgp', 179, 0], ['smux', 199, 0], ['qmtp', 209, 0], ['z3950', 210, 0], ['ipx', 0, 213],
  ['ptp-event', 0, 319], ['ptp-general', 0, 320], ['pawserv', 345, 0], ['zserv', 346, 0], ['rpc2portmap', 369, 369],
  ['codaauth2', 370, 370], ['clearcase', 0, 371], ['ldap', 389, 0], ['svrloc', 427, 427], ['https', 443, 443],
  ['snpp', 444, 0], ['microsoft-ds', 445, 0], ['kpasswd', 464, 464], ['submissions', 465, 0], ['saft', 487, 0],
  ['isakmp', 0, 500], ['rtsp', 554, 554], ['nqs', 607, 0], ['asf-rmcp', 0, 623], ['qmqp', 628, 0], ['ipp', 631, 0],
  ['ldp', 646, 646], ['exec', 512, 0], ['biff', 0, 512], ['login', 513, 0], ['who', 0, 513], ['shell', 514, 0],
  ['syslog', 0, 514], ['printer', 515, 0], ['talk', 0, 517], ['ntalk', 0, 518], ['route', 0, 520], ['gdomap', 538, 538],
  ['uucp', 540, 0], ['klogin', 543, 0], ['kshell', 544, 0], ['dhcpv6-client', 546, 546], ['dhcpv6-server', 547, 547],
  ['afpovertcp', 548, 0], ['nntps', 563, 0], ['submission', 587, 0], ['ldaps', 636, 0], ['tinc', 655, 655],
  ['silc', 706, 0], ['kerberos-adm', 749, 0], ['domain-s', 853, 853], ['rsync', 873, 0], ['ftps-data', 989, 0],
  ['ftps', 990, 0], ['telnets', 992, 0], ['imaps', 993, 0], ['pop3s', 995, 0], ['socks', 1080, 0], ['proofd', 1093, 0],
  ['rootd', 1094, 0], ['openvpn', 1194, 1194], ['rmiregistry', 1099, 0], ['lotusnote', 1352, 0], ['ms-sql-s', 1433, 0],
  ['ms-sql-m', 0, 1434], ['ingreslock', 1524, 0], ['datametrics', 1645, 1645], ['sa-msg-port', 1646, 1646],
  ['kermit', 1649, 0], ['groupwise', 1677, 0], ['l2f', 0, 1701], ['radius', 0, 1812], ['radius-acct', 0, 1813],
  ['cisco-sccp', 2000, 0], ['nfs', 2049, 2049], ['gnunet', 2086, 2086], ['rtcm-sc104', 2101, 2101],
  ['gsigatekeeper', 2119, 0], ['gris', 2135, 0], ['cvspserver', 2401, 0], ['venus', 2430, 2430], ['venus-se', 2431, 2431],
  ['codasrv', 2432, 2432], ['codasrv-se', 2433, 2433], ['mon', 2583, 2583], ['dict', 2628, 0], ['f5-globalsite', 2792, 0],
  ['gsiftp', 2811, 0], ['gpsd', 2947, 0], ['gds-db', 3050, 0], ['icpv2', 0, 3130], ['isns', 3205, 3205],
  ['iscsi-target', 3260, 0], ['mysql', 3306, 0], ['ms-wbt-server', 3389, 0], ['nut', 3493, 3493], ['distcc', 3632, 0],
  ['daap', 3689, 0], ['svn', 3690, 0], ['suucp', 4031, 0], ['sysrqd', 4094, 0], ['sieve', 4190, 0], ['epmd', 4369, 0],
  ['remctl', 4373, 0], ['f5-iquery', 4353, 0], ['ntske', 4460, 0], ['ipsec-nat-t', 0, 4500], ['iax', 0, 4569],
  ['mtn', 4691, 0], ['radmin-port', 4899, 0], ['sip', 5060, 5060], ['sip-tls', 5061, 5061], ['xmpp-client', 5222, 0],
  ['xmpp-server', 5269, 0], ['cfengine', 5308, 0], ['mdns', 0, 5353], ['postgresql', 5432, 0], ['freeciv', 5556, 0],
  ['amqps', 5671, 0], ['amqp', 5672, 0], ['x11', 6000, 0], ['x11-1', 6001, 0], ['x11-2', 6002, 0], ['x11-3', 6003, 0],
  ['x11-4', 6004, 0], ['x11-5', 6005, 0], ['x11-6', 6006, 0], ['x11-7', 6007, 0], ['gnutella-svc', 6346, 6346],
  ['gnutella-rtr', 6347, 6347], ['redis', 6379, 0], ['sge-qmaster', 6444, 0], ['sge-execd', 6445, 0],
  ['mysql-proxy', 6446, 0], ['babel', 0, 6696], ['ircs-u', 6697, 0], ['bbs', 7000, 0], ['afs3-fileserver', 7000, 7000],
  ['afs3-callback', 7001, 7001], ['afs3-prserver', 7002, 7002], ['afs3-vlserver', 7003, 7003], ['afs3-kaserver', 7004, 7004],
  ['afs3-volser', 7005, 7005], ['afs3-bos', 7007, 7007], ['afs3-update', 7008, 7008], ['afs3-rmtsys', 7009, 7009],
  ['font-service', 7100, 0], ['http-alt', 8080, 0], ['puppet', 8140, 0], ['bacula-dir', 9101, 0], ['bacula-fd', 9102, 0],
  ['bacula-sd', 9103, 0], ['xmms2', 9667, 0], ['nbd', 10809, 0], ['zabbix-agent', 10050, 0], ['zabbix-trapper', 10051, 0],
  ['amanda', 10080, 0], ['dicom', 11112, 0], ['hkp', 11371, 0], ['db-lsp', 17500, 0], ['dcap', 22125, 0],
  ['gsidcap', 22128, 0], ['wnn6', 22273, 0], ['bootps', 0, 67], ['bootpc', 0, 68], ['tftp', 0, 69], ['irc', 194, 0],
  ['imap3', 220, 0], ['rpc2portmap', 369, 369], ['ircd', 6667, 0], ['webmin', 10000, 0], ['kerberos4', 750, 750],
  ['kerberos-master', 751, 751], ['passwd-server', 0, 752], ['krb-prop', 754, 0], ['zephyr-srv', 0, 2102],
  ['zephyr-clt', 0, 2103], ['zephyr-hm', 0, 2104], ['iprop', 2121, 0], ['supfilesrv', 871, 0], ['supfiledbg', 1127, 0],
  ['poppassd', 106, 0], ['moira-db', 775, 0], ['moira-update', 777, 0], ['moira-ureg', 0, 779], ['spamd', 783, 0],
  ['skkserv', 1178, 0], ['predict', 0, 1210], ['rmtcfg', 1236, 0], ['xtel', 1313, 0], ['xtelw', 1314, 0],
  ['zebrasrv', 2600, 0], ['zebra', 2601, 0], ['ripd', 2602, 0], ['ripngd', 2603, 0], ['ospfd', 2604, 0],
  ['bgpd', 2605, 0], ['ospf6d', 2606, 0], ['ospfapi', 2607, 0], ['isisd', 2608, 0], ['fax', 4557, 0], ['hylafax', 4559, 0],
  ['munin', 4949, 0], ['rplay', 0, 5555], ['nrpe', 5666, 0], ['nsca', 5667, 0], ['canna', 5680, 0], ['syslog-tls', 6514, 0],
  ['sane-port', 6566, 0], ['ircd', 6667, 0], ['zope-ftp', 8021, 0], ['tproxy', 8081, 0], ['omniorb', 8088, 0],
  ['clc-build-daemon', 8990, 0], ['xinetd', 9098, 0], ['git', 9418, 0], ['zope', 9673, 0], ['webmin', 10000, 0],
  ['kamanda', 10081, 0], ['amandaidx', 10082, 0], ['amidxtape', 10083, 0], ['sgi-cmsd', 0, 17001], ['sgi-crsd', 0, 17002],
  ['sgi-gcd', 0, 17003], ['sgi-cad', 17004, 0], ['binkp', 24554, 0], ['asp', 27374, 27374], ['csync2', 30865, 0],
  ['dircproxy', 57000, 0], ['tfido', 60177, 0], ['fido', 60179, 0],
];

const SERVICE_TABLE: ReadonlyMap<string, ServicePorts> = new Map(
  SERVICES.map(([name, tcp, udp]) => [name, { ...(tcp !== 0 ? { tcp } : {}), ...(udp !== 0 ? { udp } : {}) }] as const),
);

/** The built-in tables: common protocol and service names, no host names. */
export const BUILTIN_NAMES: PcapNames = {
  protocol: (name) => (Object.hasOwn(PROTOCOLS, name) ? PROTOCOLS[name] : undefined),
  service: (name) => SERVICE_TABLE.get(name),
};

/** EtherType names libpcap knows (`ether proto \arp`). */
export const ETHER_PROTOS: Readonly<Record<string, number>> = {
  aarp: 0x80f3, arp: 0x0806, atalk: 0x809b, decnet: 0x6003, ip: 0x0800, ip6: 0x86dd, lat: 0x6004, loopback: 0x9000,
  mopdl: 0x6001, moprc: 0x6002, rarp: 0x8035, sca: 0x6007, pup: 0x0200, sprite: 0x0500, vexp: 0x805b, vprod: 0x805c,
};

/** LLC SAP names libpcap knows (`ether proto \iso`). */
export const LLC_PROTOS: Readonly<Record<string, number>> = { iso: 0xfe, stp: 0x42, ipx: 0xe0, netbeui: 0xf0 };
