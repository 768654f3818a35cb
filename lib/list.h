/* list.h: intrusive circular doubly linked list.
 *
 * A 'struct svs_list' is both the list head and the node embedded in each
 * element.  An empty list's head points to itself.  Iteration macros take
 * the element variable, the member name and the list head; the _SAFE
 * variants allow removing the current element while iterating.  No
 * locking: callers serialize access. */
#ifndef SVS_LIST_H
#define SVS_LIST_H 1

#include <stdbool.h>
#include <stddef.h>
#include "util.h"

struct svs_list {
    struct svs_list *prev;
    struct svs_list *next;
};

#define SVS_LIST_INITIALIZER(LIST) { LIST, LIST }

static inline void
svs_list_init(struct svs_list *list)
{
    list->next = list->prev = list;
}

/* Marks 'list' as belonging to no list, so that svs_list_remove() on it
 * would crash instead of silently corrupting memory. */
static inline void
svs_list_poison(struct svs_list *list)
{
    list->prev = list->next = (struct svs_list *) (uintptr_t) 0xcccccccccccccccc;
}

/* Inserts 'elem' just before 'before'. */
static inline void
svs_list_insert(struct svs_list *before, struct svs_list *elem)
{
    elem->prev = before->prev;
    elem->next = before;
    before->prev->next = elem;
    before->prev = elem;
}

static inline void
svs_list_push_back(struct svs_list *list, struct svs_list *elem)
{
    svs_list_insert(list, elem);
}

static inline void
svs_list_push_front(struct svs_list *list, struct svs_list *elem)
{
    svs_list_insert(list->next, elem);
}

/* Removes 'elem' from its list and returns the element that followed. */
static inline struct svs_list *
svs_list_remove(struct svs_list *elem)
{
    elem->prev->next = elem->next;
    elem->next->prev = elem->prev;
    return elem->next;
}

static inline struct svs_list *
svs_list_pop_front(struct svs_list *list)
{
    struct svs_list *front = list->next;
    svs_list_remove(front);
    return front;
}

static inline struct svs_list *
svs_list_front(const struct svs_list *list)
{
    return list->next;
}

static inline struct svs_list *
svs_list_back(const struct svs_list *list)
{
    return list->prev;
}

static inline bool
svs_list_is_empty(const struct svs_list *list)
{
    return list->next == list;
}

static inline size_t
svs_list_size(const struct svs_list *list)
{
    size_t n = 0;
    for (const struct svs_list *e = list->next; e != list; e = e->next) {
        n++;
    }
    return n;
}

/* Moves all of 'src''s elements to the end of 'dst'; 'src' becomes
 * empty. */
static inline void
svs_list_splice_back(struct svs_list *dst, struct svs_list *src)
{
    if (!svs_list_is_empty(src)) {
        src->next->prev = dst->prev;
        dst->prev->next = src->next;
        src->prev->next = dst;
        dst->prev = src->prev;
        svs_list_init(src);
    }
}

#define LIST_FOR_EACH(ITER, MEMBER, LIST)                               \
    for (INIT_CONTAINER(ITER, (LIST)->next, MEMBER);                    \
         &(ITER)->MEMBER != (LIST);                                     \
         ASSIGN_CONTAINER(ITER, (ITER)->MEMBER.next, MEMBER))
#define LIST_FOR_EACH_REVERSE(ITER, MEMBER, LIST)                       \
    for (INIT_CONTAINER(ITER, (LIST)->prev, MEMBER);                    \
         &(ITER)->MEMBER != (LIST);                                     \
         ASSIGN_CONTAINER(ITER, (ITER)->MEMBER.prev, MEMBER))
#define LIST_FOR_EACH_SAFE(ITER, NEXT, MEMBER, LIST)                    \
    for (INIT_CONTAINER(ITER, (LIST)->next, MEMBER);                    \
         (&(ITER)->MEMBER != (LIST)                                     \
          ? (INIT_CONTAINER(NEXT, (ITER)->MEMBER.next, MEMBER), 1)      \
          : 0);                                                         \
         (ITER) = (NEXT))
#define LIST_FOR_EACH_POP(ITER, MEMBER, LIST)                           \
    while (!svs_list_is_empty(LIST)                                     \
           && (INIT_CONTAINER(ITER, svs_list_pop_front(LIST), MEMBER), 1))

#endif /* list.h */
