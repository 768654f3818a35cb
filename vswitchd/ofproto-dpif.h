/* ofproto-dpif.h: the ofproto provider over a datapath (dpif.h).
 *
 * What: 'ofproto_dpif_class' gives each bridge's ofproto its datapath
 * side: ports of the bridge become ports of a datapath shared by every
 * bridge of the same datapath type (as in Open vSwitch: "netdev@svs-netdev"
 * for datapath_type=netdev), misses from that datapath are translated
 * through the bridge's OpenFlow tables (xlate.h) into megaflows, and
 * revalidation keeps the cached megaflows consistent with the tables,
 * pushes their statistics to the OpenFlow rules and expires idle ones.
 *
 * The bridge configures what only the database knows: VLAN settings of
 * ports for NORMAL, patch port peers, MAC learning limits.
 *
 * Thread-safety: main thread only, except where noted. */
#ifndef SVS_OFPROTO_DPIF_H
#define SVS_OFPROTO_DPIF_H 1

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "svs-types.h"

struct ofproto;
struct smap;

extern const struct ofproto_class ofproto_dpif_class;

/* How a port treats VLANs (Port vlan_mode). */
enum port_vlan_mode {
    PORT_VLAN_ACCESS,           /* One VLAN, untagged on the wire. */
    PORT_VLAN_TRUNK,            /* Tagged VLANs 'trunks' (all if none);
                                 * untagged frames are VLAN 0. */
    PORT_VLAN_NATIVE_TAGGED,    /* Trunk whose native VLAN 'tag' is sent
                                 * tagged; untagged frames join 'tag'. */
    PORT_VLAN_NATIVE_UNTAGGED,  /* Trunk whose native VLAN 'tag' is sent
                                 * untagged. */
};

struct ofproto_port_vlan {
    enum port_vlan_mode mode;
    int tag;                    /* Access or native VLAN, -1 if none. */
    const int64_t *trunks;      /* VLANs of a trunk; none means all. */
    size_t n_trunks;
};

/* Sets the VLAN treatment of port 'ofp_port' (a port not configured is a
 * trunk of every VLAN). */
void ofproto_dpif_set_port_vlan(struct ofproto *, ofp_port_t,
                                const struct ofproto_port_vlan *);
/* Makes 'ofp_port' a patch port to the port named 'peer' of another
 * bridge (NULL: not a patch port). */
void ofproto_dpif_set_patch_peer(struct ofproto *, ofp_port_t,
                                 const char *peer);
/* MAC learning: idle time in seconds and table size. */
void ofproto_dpif_set_mac_config(struct ofproto *, unsigned int idle_time,
                                 size_t max_entries);
/* Sets the most datapath flows revalidators keep (other_config:flow-limit
 * of Open_vSwitch), for every datapath. */
void ofproto_dpif_set_flow_limit(unsigned int limit);
/* The datapath port of 'ofp_port', or UINT32_MAX. */
odp_port_t ofproto_dpif_get_odp_port(const struct ofproto *, ofp_port_t);

#endif /* ofproto-dpif.h */
