/* svs-types.h: basic types for network data.
 *
 * What: big-endian integer types (be16, be32, be64) that document which
 * values are in network byte order, a 128-bit integer, Ethernet
 * addresses, and the port number types of OpenFlow and the datapath.
 * They are plain integers underneath: the names only document intent.
 *
 * Thread-safety: types only. */
#ifndef SVS_TYPES_H
#define SVS_TYPES_H 1

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

/* Network byte order integers. */
typedef uint16_t be16;
typedef uint32_t be32;
typedef uint64_t be64;

/* A 128-bit integer, in host byte order ('u64.lo' is the low half).  Used
 * for ct_label and xxreg fields. */
typedef union {
    uint32_t u32[4];
    struct {
        uint64_t lo, hi;
    } u64;
} svs_u128;

/* A 128-bit integer in network byte order. */
typedef union {
    be32 be32[4];
    struct {
        be64 hi, lo;
    } be64;
} svs_be128;

/* An Ethernet address. */
struct eth_addr {
    union {
        uint8_t ea[6];
        be16 be16[3];
    };
};

#define ETH_ADDR_LEN 6
#define ETH_ADDR_FMT "%02x:%02x:%02x:%02x:%02x:%02x"
#define ETH_ADDR_ARGS(EA) \
    (EA).ea[0], (EA).ea[1], (EA).ea[2], (EA).ea[3], (EA).ea[4], (EA).ea[5]

static inline bool
eth_addr_equals(struct eth_addr a, struct eth_addr b)
{
    return !memcmp(a.ea, b.ea, ETH_ADDR_LEN);
}

static inline bool
eth_addr_is_zero(struct eth_addr a)
{
    return !(a.be16[0] | a.be16[1] | a.be16[2]);
}

/* OpenFlow port numbers: 'ofp_port_t' as OpenFlow 1.0 sends them (16 bits,
 * host order in svs), 'ofp11_port_t' as OpenFlow 1.1+ sends them (32
 * bits); 'odp_port_t' is a datapath port number.  svs keeps OpenFlow port
 * numbers internally in the 16-bit space, mapping 1.1+'s reserved ports
 * (0xfffffff8 and up) to 1.0's (0xfff8 and up). */
typedef uint16_t ofp_port_t;
typedef uint32_t ofp11_port_t;
typedef uint32_t odp_port_t;

#define OFP_PORT_C(X) ((ofp_port_t) (X))
#define ODP_PORT_C(X) ((odp_port_t) (X))

/* Reserved OpenFlow 1.0 ports. */
#define OFPP_MAX        OFP_PORT_C(0xff00)  /* Max physical port. */
#define OFPP_UNSET      OFP_PORT_C(0xfff7)  /* For svs internal use. */
#define OFPP_IN_PORT    OFP_PORT_C(0xfff8)
#define OFPP_TABLE      OFP_PORT_C(0xfff9)
#define OFPP_NORMAL     OFP_PORT_C(0xfffa)
#define OFPP_FLOOD      OFP_PORT_C(0xfffb)
#define OFPP_ALL        OFP_PORT_C(0xfffc)
#define OFPP_CONTROLLER OFP_PORT_C(0xfffd)
#define OFPP_LOCAL      OFP_PORT_C(0xfffe)
#define OFPP_NONE       OFP_PORT_C(0xffff)  /* "Any" in 1.1+. */

#define OFPP11_MAX    0xffffff00u
#define OFPP11_OFFSET 0xffff0000u   /* OFPP11_X = OFPP_X + OFPP11_OFFSET. */

#endif /* svs-types.h */
