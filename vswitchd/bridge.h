/* bridge.h: the database side of svs-vswitchd.
 *
 * What: follows the Open_vSwitch database through db-idl and makes the
 * switch match it: one ofproto per Bridge row, one OpenFlow port per
 * Interface, with the datapath ports, VLAN settings, controllers and fail
 * mode of the configuration; writes status back (Interface ofport,
 * admin_state, link_state, link_speed, mtu, mac_in_use, statistics,
 * error; Bridge datapath_id; Open_vSwitch cur_cfg, datapath_types,
 * iface_types, ovs_version).  An Interface that cannot be set up gets its
 * error column set and ofport -1; the rest keeps working.
 *
 * Thread-safety: main thread only. */
#ifndef SVS_BRIDGE_H
#define SVS_BRIDGE_H 1

#include <stdbool.h>

/* Starts following the database at 'remote'. */
void bridge_init(const char *remote);
void bridge_run(void);
void bridge_wait(void);
/* Before "exit": with 'cleanup', deletes the datapath ports the bridges
 * created. */
void bridge_exit(bool cleanup);
void bridge_destroy(void);

#endif /* bridge.h */
