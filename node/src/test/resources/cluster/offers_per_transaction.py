#!/usr/bin/env python3
"""Broadcasts DHCPDISCOVERs on one interface and counts the OFFERs each transaction gets.

usage: offers_per_transaction.py IFACE TRANSACTIONS WAIT_SECONDS

Run inside the clients' namespace of deploy/cluster/netns-cluster.sh: every node on the LAN
hears each broadcast, and a cluster must still answer each transaction once. Each DISCOVER
comes from its own hardware address with its own xid. As a client would (RFC 2131 section
4.1), a transaction still unanswered WAIT_SECONDS after the last DISCOVER is sent once more,
same xid; then the script listens WAIT_SECONDS more and prints one JSON line:
{"sent": N, "retransmitted": R, "offers": {"<xid>": [sender IP, ...], ...}, "unanswered": K,
 "answered_more_than_once": M}
Needs root (raw sockets) and scapy.
"""
import json
import os
import sys
import time

from scapy.all import BOOTP, DHCP, IP, UDP, AsyncSniffer, Ether, conf, get_if_hwaddr, sendp


def main():
    iface, count, wait = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
    conf.verb = 0
    base = os.getpid() << 12
    xids = [(base + i) & 0xFFFFFFFF for i in range(count)]
    offers = {x: [] for x in xids}
    sniffer = AsyncSniffer(iface=iface, filter="udp and dst port 68", store=False,
                           prn=lambda p: record(p, offers))
    sniffer.start()
    time.sleep(1)  # the sniffer is attached before the first DISCOVER leaves
    own = get_if_hwaddr(iface)
    for i, xid in enumerate(xids):
        discover(iface, own, i, xid)
        time.sleep(0.05)
    time.sleep(wait)
    late = [(i, xid) for i, xid in enumerate(xids) if not offers[xid]]
    for i, xid in late:
        discover(iface, own, i, xid, secs=int(wait))
    time.sleep(wait if late else 0)
    sniffer.stop()
    print(json.dumps({
        "sent": count,
        "retransmitted": len(late),
        "offers": {str(x): senders for x, senders in offers.items()},
        "unanswered": sum(1 for s in offers.values() if not s),
        "answered_more_than_once": sum(1 for s in offers.values() if len(s) > 1),
    }))


def discover(iface, own, i, xid, secs=0):
    mac = bytes([0x02, 0xdc, (i >> 16) & 0xff, (i >> 8) & 0xff, i & 0xff, os.getpid() & 0xff])
    frame = (Ether(src=own, dst="ff:ff:ff:ff:ff:ff")
             / IP(src="0.0.0.0", dst="255.255.255.255")
             / UDP(sport=68, dport=67)
             / BOOTP(chaddr=mac + bytes(10), xid=xid, secs=secs, flags=0x8000)
             / DHCP(options=[("message-type", "discover"), ("param_req_list", [1, 3, 6, 51, 54]), "end"]))
    sendp(frame, iface=iface)


def record(packet, offers):
    if BOOTP not in packet or DHCP not in packet or packet[BOOTP].xid not in offers:
        return
    kinds = [o[1] for o in packet[DHCP].options if isinstance(o, tuple) and o[0] == "message-type"]
    if kinds == [2]:  # DHCPOFFER
        offers[packet[BOOTP].xid].append(packet[IP].src)


if __name__ == "__main__":
    main()
