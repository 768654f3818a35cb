/* openflow.h: every OpenFlow wire structure and constant svs knows.
 *
 * Include this header to get OpenFlow 1.0 through 1.5 and the Nicira/ONF
 * extensions; the declarations are split by version into
 * openflow-common.h, openflow-1.0.h, openflow-1.1.h (1.1 and 1.2),
 * openflow-1.3.h, openflow-1.4.h (1.4 and 1.5) and openflow-nicira.h.
 * Their conventions are described in openflow-common.h.
 *
 * Thread-safety: declarations only. */
#ifndef SVS_OPENFLOW_H
#define SVS_OPENFLOW_H 1

#include "openflow-common.h"
#include "openflow-1.0.h"
#include "openflow-1.1.h"
#include "openflow-1.3.h"
#include "openflow-1.4.h"
#include "openflow-nicira.h"

#endif /* openflow.h */
