/* svs-vsctl.h: interfaces between the files of svs-vsctl.
 *
 * What: svs-vsctl.c holds main(), the options, the bridge/port cache and
 * most commands; svs-vsctl-show.c holds the "show" command.
 *
 * Thread-safety: single-threaded program. */
#ifndef SVS_VSCTL_H
#define SVS_VSCTL_H 1

/* Registers the "show" command with lib/db-ctl. */
void vsctl_show_register(void);

#endif /* svs-vsctl.h */
