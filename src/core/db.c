/*
 * db.c — the one wrapper around SQLite: opening and migrating a database,
 * the statement cache with named binds, and transactions.
 *
 * Design note: transactions and the write lock.
 *   Every write begins with BEGIN IMMEDIATE, so a transaction never has to
 *   upgrade a read lock to a write lock (the deadlock that plain BEGIN hits
 *   in WAL mode, which no retry fixes). Waiting for the lock is done by our
 *   own busy handler. SQLite's default sleeps ever longer (up to 100 ms a
 *   time), so under contention a waiter that just missed the lock sleeps
 *   through many commits of others and one write can wait seconds, while
 *   the writer that holds the lock takes it again and again. Polling
 *   instead (every 0.2-1.2 ms, as kefu once did) is fair but wakes every
 *   waiter a thousand times a second: on a small machine those wake-ups
 *   take the CPU from the holder, and kefu did under half the work of
 *   SQLite's handler at synchronous=FULL with 8 writers.
 *
 *   So sessions of one database share a "waiting room": a page of shared
 *   memory in the file <database>-wait beside it (created on the first
 *   write with the database's mode, as SQLite makes -shm; room_map):
 *
 *     slot[64]     one per session (pid % 64): since when it waits (0: it
 *                  does not), a sign of life, and a futex word it sleeps
 *                  on; the longest waiter is the live slot with the
 *                  smallest since
 *     called       the waiter told its turn comes (woken), and when
 *     claim        the called waiter, now awake and trying: take it
 *     handoff_to   the slot the lock was just handed to, and when
 *     holder       pid, since when and what (kf_core_doing: "a customer
 *                  import by wang"), filled by the session holding the
 *                  lock and read by one that gives up, to say who
 *
 *     kf_tx_begin --just handed the lock on?--yes--> wait in its slot
 *          | no                                          |
 *          v                                             v
 *     BEGIN IMMEDIATE --busy--> busy_handler: wait in its slot until
 *          | got it             woken or WAIT_SLICE_US, then try again;
 *          v                    past busy_timeout_ms (wall clock from
 *     room_acquired:            the first try, however many tries):
 *     leave the slot,           KF_BUSY with the real time waited and
 *     fill holder               the holder named (busy_err)
 *          ...
 *     kf_tx_end: COMMIT/ROLLBACK, room_release:
 *       a waiter claimed the lock --> reserve it for the claimant
 *           (handoff_to) and queue behind it (defer_next)
 *       this session's turn (TURN_US of back-to-back writes) is over and
 *           others wait --> call the longest waiter (wake it) and write on
 *       the turn's first write --> wake the longest waiter to try (this
 *           session may not write again)
 *     busy_handler of the called waiter, once awake: claim; then try
 *       every CLAIM_POLL_US until the holder steps aside (CLAIM_US at most)
 *
 *   Handing the lock on costs a wake-up and a switch; doing it at every
 *   commit did half the work of SQLite's own handler. A turn of TURN_US
 *   keeps that cost small while the wait stays bounded: with N waiters
 *   the longest waits about N turns. Stepping aside only once the
 *   successor is awake (call, then claim) keeps the lock from sitting idle
 *   while a woken process waits for a CPU, milliseconds on a loaded
 *   machine. Nobody polls but the one claimant, for the length of one
 *   transaction: a waiter wakes to take the lock, or after WAIT_SLICE_US.
 *
 *   Everything in the room is a hint. A session killed while waiting
 *   leaves a slot that goes stale in WAIT_STALE_US; a lost wake-up (the
 *   holder killed, or a writer that is not kefu, such as sqlite3) costs a
 *   waiter at most WAIT_SLICE_US, after which it tries anyway; two
 *   sessions whose pids share a slot only lose some order. Without the
 *   file (no room to create it) waiters poll every 0.2-1.2 ms as before.
 *
 *   Invariants:
 *   (1) tx_depth > 0 exactly while this connection holds an open
 *       transaction begun by kf_tx_begin.
 *   (2) Only the outermost kf_tx_end commits or rolls back.
 *   (3) Every statement handed out by kf_sql is reset before the next
 *       kf_sql of the same text (kf_sql resets it anyway), so no statement
 *       holds a read snapshot past its use.
 *   (4) A transaction in which a statement failed to prepare never
 *       commits (tx_unprepared; see kf_sql in internal.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <linux/futex.h>
#include <sodium.h>

#include "internal.h"
#include "kefu/perm.h"
#include "schema.h"

#define DEFAULT_BUSY_MS	5000
#define WAIT_SLICE_US	10000	/* longest sleep: what a lost wake-up costs */
#define WAIT_STALE_US	(2 * WAIT_SLICE_US + 5000) /* silent longer: no waiter */
#define TURN_US		10000	/* a writer's turn while others wait */
#define HANDOFF_US	2000	/* a handed-on lock is the waiter's this long */
#define CLAIM_US	5000	/* a call or a claim stands this long */
#define CLAIM_POLL_US	50	/* a claimant tries this often */
#define ROOM_BYTES	4096
#define TURN_GAP_US	1000	/* a write this soon after one is a run */
#define ROOM_SLOTS	64
#define ROOM_MAGIC	0x6b667772u	/* "kfwr" */
#define ROOM_RETRY_US	1000000	/* after a failed map, try again this late */

/* One session's place in the waiting room (see the design note). */
struct kf_room_slot {
	_Atomic uint32_t	 wake;		/* futex word: +1 = your turn */
	_Atomic int32_t		 pid;
	_Atomic int64_t		 since_us;	/* began to wait; 0: not waiting */
	_Atomic int64_t		 alive_us;	/* last sign of life while waiting */
};

/* The shared page. Only ever a hint: any content is safe to find here. */
struct kf_room {
	_Atomic uint32_t	 magic;
	_Atomic int32_t		 handoff_to;	/* slot + 1 given the lock; 0 */
	_Atomic int64_t		 handoff_at_us;
	_Atomic int32_t		 called;	/* slot + 1 told its turn comes */
	_Atomic int64_t		 called_at_us;
	_Atomic int32_t		 claim;		/* slot + 1 awake to take it */
	_Atomic int64_t		 claim_at_us;
	_Atomic int64_t		 holder_pid;
	_Atomic int64_t		 held_since_us;
	char			 holder_what[96];
	struct kf_room_slot	 slot[ROOM_SLOTS];
};
_Static_assert(sizeof(struct kf_room) <= ROOM_BYTES, "the room fits its page");
/* Shared between processes: an atomic that needs a lock would take a
 * lock of this process only. */
_Static_assert(ATOMIC_INT_LOCK_FREE == 2 && ATOMIC_LLONG_LOCK_FREE == 2,
    "the room's atomics work across processes");

static int64_t
mono_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/*
 * Whether a time read from the room was set less than win ago. A time
 * ahead of now (beyond a writer's moment of skew) is not fresh: the file
 * outlives a boot, after which the monotonic clock starts again, and any
 * bytes may be found there.
 */
bool
kf_room_fresh(int64_t at, int64_t now, int64_t win)
{
	return at <= now + 1000 && at > now - win;	/* no overflow */
}

/* A slot number + 1 read from the room, or 0 when it names none. */
static int32_t
slot_no(_Atomic int32_t *v)
{
	int32_t n = atomic_load_explicit(v, memory_order_relaxed);

	return n >= 1 && n <= ROOM_SLOTS ? n : 0;
}

/*
 * Maps the waiting room of k's database, creating <path>-wait if need be;
 * NULL when it cannot (then callers poll). A failure is not retried for
 * ROOM_RETRY_US, so a directory we cannot write costs one open() a second.
 */
static struct kf_room *
room_map(struct kf_core *k)
{
	char p[PATH_MAX];
	struct stat sb;
	uint32_t magic;
	void *m;
	int fd;

	if (k->room != NULL)
		return k->room;
	if (k->room_tried_us != 0 && mono_us() - k->room_tried_us <
	    ROOM_RETRY_US)
		return NULL;
	k->room_tried_us = mono_us();
	if (snprintf(p, sizeof(p), "%s-wait", k->path) >= (int)sizeof(p) ||
	    stat(k->path, &sb) != 0)
		return NULL;
	/* Made with the database's own mode, whatever the umask (as SQLite
	 * makes -wal and -shm): every session that can write the database,
	 * in deployed mode through the group, must be able to wait here. */
	if ((fd = open(p, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
	    sb.st_mode & 0660)) >= 0) {
		(void)fchmod(fd, sb.st_mode & 0660);
		/* Root makes it for the database's owner and group, as
		 * SQLite does -wal and -shm: else the staff could not
		 * open it and would poll. */
		if (geteuid() == 0 && fchown(fd, sb.st_uid, sb.st_gid) != 0) {
			close(fd);
			unlink(p);	/* the staff make it themselves */
			return NULL;
		}
	}
	else if (errno != EEXIST ||
	    (fd = open(p, O_RDWR | O_NOFOLLOW | O_CLOEXEC)) < 0)
		return NULL;
	/* Its blocks are allocated before it is mapped (the same whoever
	 * does it first): a sparse page on a full disk would kill the first
	 * store into it with SIGBUS. */
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode) ||
	    posix_fallocate(fd, 0, ROOM_BYTES) != 0) {
		close(fd);
		return NULL;
	}
	m = mmap(NULL, ROOM_BYTES, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	close(fd);
	if (m == MAP_FAILED)
		return NULL;
	/* A file of another layout (another kefu's, or garbage): poll. */
	magic = 0;
	if (!atomic_compare_exchange_strong(&((struct kf_room *)m)->magic,
	    &magic, ROOM_MAGIC) && magic != ROOM_MAGIC) {
		munmap(m, ROOM_BYTES);
		return NULL;
	}
	k->room = m;
	k->me = &k->room->slot[(unsigned)getpid() % ROOM_SLOTS];
	return k->room;
}

/* Whether slot s holds a live waiter at now. */
static bool
live(struct kf_room_slot *s, int64_t now)
{
	int64_t since = atomic_load_explicit(&s->since_us, memory_order_relaxed);
	int64_t alive = atomic_load_explicit(&s->alive_us, memory_order_relaxed);

	return since != 0 && kf_room_fresh(alive, now, WAIT_STALE_US);
}

/* The live waiter other than k that has waited longest, or NULL. */
static struct kf_room_slot *
oldest_waiter(struct kf_core *k, int64_t now)
{
	struct kf_room_slot *s, *best = NULL;
	int64_t since, best_since = 0;
	int i;

	for (i = 0; i < ROOM_SLOTS; i++) {
		s = &k->room->slot[i];
		if (s == k->me || !live(s, now))
			continue;
		since = atomic_load_explicit(&s->since_us, memory_order_relaxed);
		if (best == NULL || since < best_since) {
			best = s;
			best_since = since;
		}
	}
	return best;
}

/* k stops waiting (it holds the lock, or gave up). */
static void
room_leave(struct kf_core *k)
{
	int32_t me;

	if (k->room == NULL)
		return;
	me = (int32_t)(k->me - k->room->slot) + 1;
	atomic_store_explicit(&k->me->since_us, 0, memory_order_relaxed);
	if (atomic_load_explicit(&k->room->handoff_to, memory_order_relaxed) ==
	    me)
		atomic_store_explicit(&k->room->handoff_to, 0,
		    memory_order_relaxed);
	if (atomic_load_explicit(&k->room->claim, memory_order_relaxed) == me)
		atomic_store_explicit(&k->room->claim, 0, memory_order_relaxed);
	if (atomic_load_explicit(&k->room->called, memory_order_relaxed) == me)
		atomic_store_explicit(&k->room->called, 0, memory_order_relaxed);
}

/*
 * Waits in k's slot until a releasing session wakes it (its wake word
 * moves past what k saw before its last try: a wake-up between that try
 * and this wait is not lost) or us pass.
 */
static void
room_wait(struct kf_core *k, int64_t since, int64_t us)
{
	struct timespec ts;
	int64_t now = mono_us();

	atomic_store_explicit(&k->me->pid, (int32_t)getpid(),
	    memory_order_relaxed);
	if (atomic_load_explicit(&k->me->since_us, memory_order_relaxed) == 0)
		atomic_store_explicit(&k->me->since_us, since,
		    memory_order_relaxed);
	atomic_store_explicit(&k->me->alive_us, now, memory_order_relaxed);
	ts.tv_sec = (time_t)(us / 1000000);
	ts.tv_nsec = (long)(us % 1000000) * 1000;
	/* A futex refused (a sandbox): sleep the slice, never spin. */
	if (syscall(SYS_futex, &k->me->wake, FUTEX_WAIT, k->wake_seen, &ts,
	    NULL, 0) != 0 && errno != EAGAIN && errno != ETIMEDOUT &&
	    errno != EINTR)
		nanosleep(&ts, NULL);
	k->wake_seen = atomic_load(&k->me->wake);
}

/*
 * Wakes the longest waiter, if any, after k released the lock. With
 * reserve, the lock is the waiter's: for HANDOFF_US no other session
 * (k included) tries to take it before it does.
 */
static bool
hand_on(struct kf_core *k, int64_t now, bool reserve)
{
	struct kf_room_slot *s = oldest_waiter(k, now);

	if (s == NULL)
		return false;
	if (reserve) {
		atomic_store_explicit(&k->room->handoff_at_us, now,
		    memory_order_relaxed);
		atomic_store_explicit(&k->room->handoff_to,
		    (int32_t)(s - k->room->slot) + 1, memory_order_relaxed);
	}
	atomic_fetch_add(&s->wake, 1);
	syscall(SYS_futex, &s->wake, FUTEX_WAKE, INT_MAX, NULL, NULL, 0);
	return true;
}

/* The slot + 1 of a waiter other than k that claimed the lock, or 0. */
static int32_t
claimant(struct kf_core *k, int64_t now)
{
	int32_t c = slot_no(&k->room->claim);
	int64_t at = atomic_load_explicit(&k->room->claim_at_us,
	    memory_order_relaxed);

	if (c == 0 || c == (int32_t)(k->me - k->room->slot) + 1 ||
	    !kf_room_fresh(at, now, CLAIM_US))
		return 0;
	return c;
}

/*
 * After k released the lock. While others wait, a session writing back to
 * back keeps its turn for TURN_US: handing the lock on costs a wake-up and
 * a switch, which at every commit halved what got done. When the turn is
 * over it calls the longest waiter (wakes it, room->called) and writes on
 * until that waiter, awake now and trying every CLAIM_POLL_US, claims the
 * lock (room->claim): then k steps aside, reserving the lock for it
 * (handoff_to), and queues itself (defer_next). So the lock does not sit
 * idle while a woken process waits for a CPU, which on a loaded machine
 * takes milliseconds. The first write of a turn also wakes the longest
 * waiter to try: k may not write again, and the waiter would otherwise
 * sleep out its slice.
 */
static void
room_release(struct kf_core *k)
{
	struct kf_room_slot *s;
	int64_t now;
	int32_t c;

	if (k->room == NULL)
		return;
	atomic_store_explicit(&k->room->holder_pid, 0, memory_order_relaxed);
	now = mono_us();
	k->last_release_us = now;
	if ((c = claimant(k, now)) != 0) {
		atomic_store_explicit(&k->room->handoff_at_us, now,
		    memory_order_relaxed);
		atomic_store_explicit(&k->room->handoff_to, c,
		    memory_order_relaxed);
		k->defer_next = true;
		return;
	}
	if (now - k->turn_started_us >= TURN_US &&
	    now - k->called_at_us >= CLAIM_US &&
	    (s = oldest_waiter(k, now)) != NULL) {
		k->called_at_us = now;
		atomic_store_explicit(&k->room->called_at_us, now,
		    memory_order_relaxed);
		atomic_store_explicit(&k->room->called,
		    (int32_t)(s - k->room->slot) + 1, memory_order_relaxed);
		atomic_fetch_add(&s->wake, 1);
		syscall(SYS_futex, &s->wake, FUTEX_WAKE, INT_MAX, NULL, NULL,
		    0);
	} else if (k->turn_writes == 1)
		hand_on(k, now, false);	/* k may be done: let it try */
}

/* k now holds the write lock: says so in the room. */
static void
room_acquired(struct kf_core *k)
{
	struct kf_room *r = k->room;
	int64_t now;

	if (r == NULL)
		return;
	room_leave(k);
	now = mono_us();
	if (k->waited || now - k->last_release_us > TURN_GAP_US) {
		k->turn_started_us = now;	/* a new turn */
		k->turn_writes = 0;
	}
	k->turn_writes++;
	k->waited = false;
	atomic_store_explicit(&r->holder_pid, 0, memory_order_relaxed);
	atomic_store_explicit(&r->held_since_us, now, memory_order_relaxed);
	/* A torn read of this by a waiter only garbles a message, which
	 * copies it with a bound and shows it through the safe printer. */
	snprintf(r->holder_what, sizeof(r->holder_what), "%s", k->tx_what);
	atomic_store_explicit(&r->holder_pid, (int64_t)getpid(),
	    memory_order_release);
}

/* Whether the lock was just handed to a waiter other than k. */
static bool
handed_to_other(struct kf_core *k, int64_t now)
{
	int32_t to = slot_no(&k->room->handoff_to);

	return to != 0 && to != (int32_t)(k->me - k->room->slot) + 1 &&
	    kf_room_fresh(atomic_load_explicit(&k->room->handoff_at_us,
	    memory_order_relaxed), now, HANDOFF_US);
}

static int
busy_handler(void *arg, int count)
{
	struct kf_core *k = arg;
	struct timespec ts;
	int64_t now = mono_us(), left, slice;
	int32_t me;

	if (count == 0 && !k->in_begin)
		k->busy_started_us = now;
	k->busy_waited_us = now - k->busy_started_us;
	left = (int64_t)k->busy_timeout_ms * 1000 - k->busy_waited_us;
	if (left <= 0)
		return 0;
	if (room_map(k) != NULL) {
		k->waited = true;
		me = (int32_t)(k->me - k->room->slot) + 1;
		if (slot_no(&k->room->claim) == me &&
		    kf_room_fresh(atomic_load_explicit(&k->room->claim_at_us,
		    memory_order_relaxed), now, CLAIM_US)) {
			/* Claimed: the holder steps aside at its next
			 * release; be on the CPU to take the lock then. */
			ts.tv_sec = 0;
			ts.tv_nsec = CLAIM_POLL_US * 1000L;
			nanosleep(&ts, NULL);
			return 1;
		}
		do {
			slice = left < WAIT_SLICE_US ? left : WAIT_SLICE_US;
			room_wait(k, k->busy_started_us, slice);
			now = mono_us();
			left = (int64_t)k->busy_timeout_ms * 1000 -
			    (now - k->busy_started_us);
			/* Woken by the slice while the lock is being
			 * handed to another: do not snatch it. */
		} while (left > 0 && handed_to_other(k, now));
		if (slot_no(&k->room->called) == me &&
		    kf_room_fresh(atomic_load_explicit(&k->room->called_at_us,
		    memory_order_relaxed), now, CLAIM_US)) {
			atomic_store_explicit(&k->room->claim_at_us, now,
			    memory_order_relaxed);
			atomic_store_explicit(&k->room->claim, me,
			    memory_order_relaxed);
		}
		return 1;
	}
	ts.tv_sec = 0;
	ts.tv_nsec = 200000L + (long)randombytes_uniform(1000000);
	nanosleep(&ts, NULL);
	return 1;
}

static int	pragma_int(struct kf_core *, const char *, int *);

/* The stand-in kf_sql hands out for a statement that failed to prepare. */
static const char SQL_UNPREPARED[] = "SELECT kf_unprepared()";

/* The SQL function behind SQL_UNPREPARED: fails with the saved reason. */
static void
unprepared_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct kf_core *k = sqlite3_user_data(ctx);

	(void)argc;
	(void)argv;
	sqlite3_result_error(ctx, k->unprepared_why, -1);
}

/*
 * The stand-in statement after sql failed to prepare with the error now
 * on the connection; records why. Out of memory even for the stand-in
 * ends the program, as every allocation failure does (xmalloc).
 */
static sqlite3_stmt *
unprepared(struct kf_core *k, const char *sql)
{
	snprintf(k->unprepared_why, sizeof(k->unprepared_why),
	    "cannot prepare a statement (%s): %.80s", sqlite3_errmsg(k->db),
	    sql);
	if (k->tx_depth > 0)
		k->tx_unprepared = true;
	if (k->unprepared == NULL && sqlite3_prepare_v3(k->db, SQL_UNPREPARED,
	    -1, SQLITE_PREPARE_PERSISTENT, &k->unprepared, NULL) != SQLITE_OK) {
		fprintf(stderr, "kefu: %s\n", k->unprepared_why);
		abort();
	}
	sqlite3_reset(k->unprepared);
	return k->unprepared;
}

/* The slot of sql in a table of cap (a power of two) slots: its own or
 * the free one where it belongs. */
static struct kf_stmt_slot *
slot_of(struct kf_stmt_slot *slots, size_t cap, const char *sql)
{
	/* Fibonacci hashing of the address; the low bits are alignment. */
	size_t i = (size_t)(((uint64_t)(uintptr_t)sql * 0x9e3779b97f4a7c15u) >>
	    32) & (cap - 1);

	while (slots[i].sql != NULL && slots[i].sql != sql)
		i = (i + 1) & (cap - 1);
	return &slots[i];
}

/* Doubles the cache's table (the first time: 128 slots). */
static void
cache_grow(struct kf_stmt_cache *c)
{
	size_t cap = c->cap ? c->cap * 2 : 128, i;
	struct kf_stmt_slot *slots = xcalloc(cap, sizeof(*slots));

	for (i = 0; i < c->cap; i++)
		if (c->slots[i].sql != NULL)
			*slot_of(slots, cap, c->slots[i].sql) = c->slots[i];
	free(c->slots);
	c->slots = slots;
	c->cap = cap;
}

sqlite3_stmt *
kf_sql(struct kf_core *k, const char *sql)
{
	struct kf_stmt_cache *c = &k->stmts;
	struct kf_stmt_slot *slot;
	sqlite3_stmt *st;

	if (c->cap != 0) {
		slot = slot_of(c->slots, c->cap, sql);
		if (slot->sql != NULL) {
			sqlite3_reset(slot->stmt);
			sqlite3_clear_bindings(slot->stmt);
			return slot->stmt;
		}
	}
	if (sqlite3_prepare_v3(k->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st,
	    NULL) != SQLITE_OK || st == NULL) {
		sqlite3_finalize(st);
		return unprepared(k, sql);
	}
	if ((c->n + 1) * 4 > c->cap * 3)
		cache_grow(c);
	slot = slot_of(c->slots, c->cap, sql);
	slot->sql = sql;
	slot->stmt = st;
	c->n++;
	return st;
}

void
kf_sql_done(sqlite3_stmt *st)
{
	sqlite3_reset(st);
}

static int
bind_index(sqlite3_stmt *st, const char *name)
{
	int i = sqlite3_bind_parameter_index(st, name);

	if (i == 0 && strcmp(sqlite3_sql(st), SQL_UNPREPARED) == 0)
		return 0;	/* binding 0 fails harmlessly */
	if (i == 0) {
		fprintf(stderr, "kefu: no bind %s in: %s\n", name, sqlite3_sql(st));
		abort();
	}
	return i;
}

void
kf_bind_int(sqlite3_stmt *st, const char *name, int64_t v)
{
	sqlite3_bind_int64(st, bind_index(st, name), v);
}

void
kf_bind_text(sqlite3_stmt *st, const char *name, const char *v)
{
	if (v == NULL)
		sqlite3_bind_null(st, bind_index(st, name));
	else
		sqlite3_bind_text(st, bind_index(st, name), v, -1,
		    SQLITE_TRANSIENT);
}

void
kf_bind_blob(sqlite3_stmt *st, const char *name, const void *v, int n)
{
	sqlite3_bind_blob(st, bind_index(st, name), v, n, SQLITE_TRANSIENT);
}

void
kf_bind_null(sqlite3_stmt *st, const char *name)
{
	sqlite3_bind_null(st, bind_index(st, name));
}

char *
kf_col_strdup(sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);

	return s ? xstrdup((const char *)s) : NULL;
}

void
kf_col_copy(sqlite3_stmt *st, int i, char *buf, size_t n)
{
	const char *s = (const char *)sqlite3_column_text(st, i);
	size_t len;

	if (n == 0)
		return;
	if (s == NULL) {
		buf[0] = '\0';
		return;
	}
	len = strlen(s);
	if (len >= n) {
		len = n - 1;
		while (len > 0 && ((unsigned char)s[len] & 0xc0) == 0x80)
			len--;		/* do not cut a character in half */
	}
	memcpy(buf, s, len);
	buf[len] = '\0';
}

/*
 * Is the file system holding the database full? A write that finds no
 * room is SQLITE_FULL, but the first read after the -wal and -shm files
 * are gone must extend the new -shm, and that failing is
 * SQLITE_IOERR_SHMSIZE, "disk I/O error" (issue 11); creating a file on a
 * file system without inodes is SQLITE_CANTOPEN. The errno SQLite saw
 * tells, or else the room left beside the database. Writes the
 * directory's name into dir.
 */
static bool
disk_full(struct kf_core *k, int src, char *dir, size_t size)
{
	struct statvfs vfs;
	unsigned long long room;
	char *slash, *real;
	int prim = src & 0xff, e;

	if (prim != SQLITE_FULL && prim != SQLITE_IOERR &&
	    prim != SQLITE_CANTOPEN)
		return false;
	snprintf(dir, size, "%s", k->path);
	if ((slash = strrchr(dir, '/')) == NULL)
		snprintf(dir, size, ".");
	else
		*(slash == dir ? slash + 1 : slash) = '\0';
	if ((real = realpath(dir, NULL)) != NULL) {
		snprintf(dir, size, "%s", real);
		free(real);
	}
	if (prim == SQLITE_FULL)
		return true;
	e = k->db != NULL ? sqlite3_system_errno(k->db) : 0;
	if (e == ENOSPC || e == EDQUOT)
		return true;
	if (statvfs(dir, &vfs) != 0)
		return false;
	/* Root may use the blocks kept back for it. Less than a few
	 * pages left: no -shm or WAL frame fits. */
	room = (unsigned long long)(geteuid() == 0 ? vfs.f_bfree :
	    vfs.f_bavail) * vfs.f_frsize;
	return room < 64 * 1024 || (vfs.f_files > 0 && (geteuid() == 0 ?
	    vfs.f_ffree : vfs.f_favail) == 0);
}

/*
 * The message for a write that gave up waiting: the time this session
 * really waited (from its first failed try) and, from the waiting room,
 * who holds the database and for how long, e.g. "another session (a
 * customer import by wang) has held the database for 14 s".
 */
static enum kf_rc
busy_err(struct kf_core *k, const char *what, struct kf_err *err)
{
	char label[96];
	double waited = (double)k->busy_waited_us / 1e6, held;
	int64_t pid;
	size_t i;

	k->busy_what = what;
	if (k->busy_origin_us != 0)	/* the face's retries count too */
		waited = (double)(mono_us() - k->busy_origin_us) / 1e6;
	pid = k->room ? atomic_load_explicit(&k->room->holder_pid,
	    memory_order_acquire) : 0;
	if (pid <= 0 || pid > INT_MAX || (kill((pid_t)pid, 0) != 0 &&
	    errno == ESRCH))
		return kf_err_set(err, KF_BUSY, "database busy: %s waited %.1f s "
		    "for another session to finish; try again", what, waited);
	held = (double)(mono_us() - atomic_load_explicit(
	    &k->room->held_since_us, memory_order_relaxed)) / 1e6;
	memcpy(label, k->room->holder_what, sizeof(label));
	label[sizeof(label) - 1] = '\0';
	for (i = 0; label[i] != '\0'; i++)
		if ((unsigned char)label[i] < 0x20 || label[i] == 0x7f)
			label[i] = '?';	/* a hint from a shared file */
	if (held < 0 || held > 1e7)
		held = 0;
	if (label[0] != '\0')
		return kf_err_set(err, KF_BUSY, "database busy: %s waited %.1f s; "
		    "another session (%s) has held the database for %.0f s; "
		    "try again", what, waited, label, held);
	return kf_err_set(err, KF_BUSY, "database busy: %s waited %.1f s; "
	    "another session has held the database for %.0f s; try again",
	    what, waited, held);
}

enum kf_rc
kf_db_err(struct kf_core *k, int src, const char *what, struct kf_err *err)
{
	char dir[PATH_MAX];
	int prim = src & 0xff;

	if (disk_full(k, src, dir, sizeof(dir)))
		return kf_err_set(err, KF_DBERR, "storage error while %s: the "
		    "disk holding %s is full; free some space there and try "
		    "again", what, dir);
	if (prim == SQLITE_BUSY || prim == SQLITE_LOCKED)
		return busy_err(k, what, err);
	return kf_err_set(err, KF_DBERR, "storage error while %s: %s", what,
	    k->db ? sqlite3_errmsg(k->db) : sqlite3_errstr(src));
}

void
kf_core_doing(struct kf_core *k, const char *what)
{
	snprintf(k->tx_what, sizeof(k->tx_what), "%s", what ? what : "");
}

bool
kf_core_busy_retry(struct kf_core *k, int64_t *since_us, struct kf_err *err)
{
	int64_t now = mono_us();

	if (*since_us == 0 || *since_us > now)
		*since_us = k->busy_started_us ? k->busy_started_us : now;
	if (now - *since_us < (int64_t)KF_BUSY_PATIENCE_MS * 1000)
		return true;
	k->busy_origin_us = *since_us;
	busy_err(k, k->busy_what ? k->busy_what : "saving", err);
	k->busy_origin_us = 0;
	*since_us = 0;
	return false;
}

int
kf_cache_swap(struct kf_core *k, int cache_size)
{
	char sql[64];
	int old = -2000;	/* SQLite's default, should the read fail */

	pragma_int(k, "PRAGMA cache_size", &old);
	snprintf(sql, sizeof(sql), "PRAGMA cache_size = %d", cache_size);
	sqlite3_exec(k->db, sql, NULL, NULL, NULL);
	return old;
}

enum kf_rc
kf_exec(struct kf_core *k, const char *sql, struct kf_err *err)
{
	int rc = sqlite3_exec(k->db, sql, NULL, NULL, NULL);

	return rc == SQLITE_OK ? KF_OK : kf_db_err(k, rc, "updating", err);
}

/* Cached like every statement: parsing them anew each time was 40% of
 * kefu's overhead over bare SQLite per write (bench/bench_write.c). */
static const char SQL_BEGIN[] = "BEGIN IMMEDIATE";
static const char SQL_COMMIT[] = "COMMIT";
static const char SQL_ROLLBACK[] = "ROLLBACK";

/* Steps a no-row statement once; SQLITE_OK on success. */
static int
step_once(struct kf_core *k, const char *sql)
{
	sqlite3_stmt *st = kf_sql(k, sql);
	int rc = sqlite3_step(st);

	kf_sql_done(st);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static const char SQL_ACTOR_DISABLED[] =
    "SELECT disabled FROM staff WHERE id = :id";

static bool
actor_disabled(struct kf_core *k)
{
	sqlite3_stmt *st = kf_sql(k, SQL_ACTOR_DISABLED);
	bool off = true;

	kf_bind_int(st, ":id", k->actor_id);
	if (sqlite3_step(st) == SQLITE_ROW)
		off = sqlite3_column_int(st, 0) != 0;
	kf_sql_done(st);
	return off;
}

enum kf_rc
kf_tx_begin_at(struct kf_core *k, const char *file, int line,
    struct kf_err *err)
{
	int64_t t0, waited;
	int rc;

	if (k->tx_depth > 0) {
		k->tx_depth++;
		return KF_OK;
	}
	t0 = mono_us();
	k->busy_started_us = t0;
	k->busy_waited_us = 0;
	k->in_begin = true;
	if (room_map(k) != NULL) {
		k->wake_seen = atomic_load(&k->me->wake);
		/* Handed the lock on: queue for it again rather than snatch
		 * it back (see the design note). */
		/* Queued behind the one it stepped aside for, as long as
		 * that hand-over is fresh: a write an hour later does not
		 * wait. */
		if ((k->defer_next && kf_room_fresh(k->last_release_us, t0,
		    HANDOFF_US)) || handed_to_other(k, t0)) {
			k->defer_next = false;
			k->waited = true;
			room_wait(k, t0, WAIT_SLICE_US);
		}
	}
	rc = step_once(k, SQL_BEGIN);
	k->in_begin = false;
	waited = (mono_us() - t0) / 1000;
	if (waited > k->max_lock_wait_ms)
		k->max_lock_wait_ms = waited;
	if (rc != SQLITE_OK) {
		room_leave(k);	/* gave up: no longer waiting */
		return kf_db_err(k, rc, "starting a change", err);
	}
	room_acquired(k);
	if (k->actor_id != 0 && !k->system && actor_disabled(k)) {
		/* Disabled while this session ran: refuse this and every
		 * later action (R54), whatever the face asked for. */
		step_once(k, SQL_ROLLBACK);
		room_release(k);
		kf_err_set(err, KF_DENIED, "account %s has been disabled",
		    k->actor_login);
		k->actor_id = 0;
		k->actor_roles = 0;
		return KF_DENIED;
	}
	k->tx_depth = 1;
	(void)file;
	(void)line;
	return KF_OK;
}

enum kf_rc
kf_tx_end(struct kf_core *k, enum kf_rc rc, struct kf_err *err)
{
	int src;

	if (k->tx_depth <= 0) {
		fprintf(stderr, "kefu: kf_tx_end without a transaction\n");
		abort();
	}
	if (--k->tx_depth > 0)
		return rc;
	if (rc == KF_OK && k->tx_unprepared)
		rc = kf_err_set(err, KF_DBERR, "storage error while %s: %s",
		    "saving", k->unprepared_why);
	k->tx_unprepared = false;
	if (rc == KF_OK) {
		src = step_once(k, SQL_COMMIT);
		if (src == SQLITE_OK) {
			room_release(k);
			return KF_OK;
		}
		rc = kf_db_err(k, src, "saving", err);
	}
	if (!sqlite3_get_autocommit(k->db))
		step_once(k, SQL_ROLLBACK);
	room_release(k);
	return rc;
}

int
kf_tx_depth(const struct kf_core *k)
{
	return k->tx_depth;
}

int
kf_schema_latest(void)
{
	return kf_migrations_count;
}

const char *
kf_sqlite_version(void)
{
	return sqlite3_libversion();
}

static int
pragma_int(struct kf_core *k, const char *sql, int *v)
{
	sqlite3_stmt *st;
	int rc;

	rc = sqlite3_prepare_v2(k->db, sql, -1, &st, NULL);
	if (rc != SQLITE_OK)
		return rc;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*v = sqlite3_column_int(st, 0);
		rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	return rc;
}

int
kf_core_schema_version(struct kf_core *k)
{
	int v = -1;

	pragma_int(k, "PRAGMA user_version", &v);
	return v;
}

/*
 * Applies every migration after the database's user_version, each in its
 * own BEGIN IMMEDIATE transaction, re-reading the version under the lock
 * so two sessions upgrading at once apply each migration once.
 */
static enum kf_rc
migrate(struct kf_core *k, struct kf_err *err)
{
	char pragma[128];
	int v = -1, rc, i;	/* -1 until read (quiets -O3) */

	for (i = 0; i < kf_migrations_count; i++) {
		const struct kf_migration *m = &kf_migrations[i];

		if ((rc = kf_tx_begin(k, err)) != KF_OK)
			return rc;
		if (pragma_int(k, "PRAGMA user_version", &v) != SQLITE_OK) {
			rc = kf_db_err(k, sqlite3_errcode(k->db),
			    "reading the schema version", err);
			return kf_tx_end(k, rc, err);
		}
		if (v >= m->number)
			goto next;
		if (v != m->number - 1) {
			rc = kf_err_set(err, KF_DBERR,
			    "schema version %d cannot take migration %s", v,
			    m->name);
			return kf_tx_end(k, rc, err);
		}
		if (sqlite3_exec(k->db, m->sql, NULL, NULL, NULL) != SQLITE_OK) {
			rc = kf_err_set(err, KF_DBERR, "migration %s failed: %s",
			    m->name, sqlite3_errmsg(k->db));
			return kf_tx_end(k, rc, err);
		}
		snprintf(pragma, sizeof(pragma),
		    "PRAGMA user_version = %d; PRAGMA application_id = %d",
		    m->number, KF_APPLICATION_ID);
		if ((rc = kf_exec(k, pragma, err)) != KF_OK)
			return kf_tx_end(k, rc, err);
	next:
		if ((rc = kf_tx_end(k, KF_OK, err)) != KF_OK)
			return rc;
	}
	return KF_OK;
}

/*
 * Every pending migration in one transaction (internal.h): all of them or
 * none, so a later one that fails leaves the database exactly as it was,
 * and no other session ever sees it half migrated.
 */
enum kf_rc
kf_migrate_all(struct kf_core *k, struct kf_err *err)
{
	enum kf_rc rc;

	if ((rc = kf_tx_begin(k, err)) != KF_OK)
		return rc;
	/* migrate()'s own transactions nest inside this one (kf_tx_begin
	 * counts depth): only this kf_tx_end commits or rolls back. */
	rc = migrate(k, err);
	return kf_tx_end(k, rc, err);
}

/* Checks the file holds a kefu database we can use, before changing anything. */
static enum kf_rc
check_identity(struct kf_core *k, bool create, bool as_is, struct kf_err *err)
{
	int appid = 0, uv = 0, ntables = 0, rc;

	rc = pragma_int(k, "PRAGMA application_id", &appid);
	if (rc == SQLITE_OK)
		rc = pragma_int(k, "PRAGMA user_version", &uv);
	if (rc == SQLITE_OK)
		rc = pragma_int(k, "SELECT count(*) FROM sqlite_schema", &ntables);
	if ((rc & 0xff) == SQLITE_NOTADB)
		return kf_err_set(err, KF_DBERR, "%s is not a database", k->path);
	if (rc != SQLITE_OK)
		return kf_db_err(k, rc, "opening the database", err);
	if (appid != KF_APPLICATION_ID && (appid != 0 || ntables > 0))
		return kf_err_set(err, KF_DBERR,
		    "%s is a SQLite database but not a kefu one", k->path);
	if (appid == 0 && !create)
		return kf_err_set(err, KF_NOTFOUND,
		    "%s holds no kefu database yet (create one with: kefu init)",
		    k->path);
	/* Opened as it is (kf_open_opts.as_is), a newer database is only
	 * looked at: kefu migrate --status says so, restore replaces it. */
	if (uv > kf_migrations_count && !as_is)
		return kf_err_set(err, KF_DBERR,
		    "%s has schema version %d, newer than this kefu (%d): "
		    "upgrade kefu", k->path, uv, kf_migrations_count);
	return KF_OK;
}

/*
 * Why path (which stat() could not follow: errno e) cannot be opened, as
 * it is: a database that is not there, or one the person may not reach
 * (a --db naming a link to the deployed database, whose directory only
 * the group may enter, said "no database" before: issue 11).
 */
static enum kf_rc
missing(const char *path, int e, struct kf_err *err)
{
	char target[PATH_MAX];
	ssize_t n = readlink(path, target, sizeof(target) - 1);

	if (n > 0)
		target[n] = '\0';
	if (e == EACCES && n > 0)
		return kf_err_set(err, KF_DBERR, "cannot open %s (a link to "
		    "%s): permission denied", path, target);
	if (e == EACCES)
		return kf_err_set(err, KF_DBERR,
		    "cannot open %s: permission denied", path);
	if (e == ENOENT && n > 0)
		return kf_err_set(err, KF_NOTFOUND, "no database at %s: it "
		    "is a link to %s, which does not exist", path, target);
	if (e == ENOENT)
		return kf_err_set(err, KF_NOTFOUND,
		    "no database at %s (create one with: kefu init)", path);
	return kf_err_set(err, KF_DBERR, "cannot open %s: %s", path,
	    strerror(e));
}

enum kf_rc
kf_core_open(const char *path, const struct kf_open_opts *opts,
    struct kf_core **out, struct kf_err *err)
{
	struct kf_open_opts none = { 0 };
	struct kf_core *k;
	struct stat sb;
	enum kf_rc rc;
	char *dir, *slash, dirbuf[PATH_MAX];
	bool created = false;
	int flags, src, fd;

	*out = NULL;
	if (opts == NULL)
		opts = &none;
	if (sodium_init() < 0)
		return kf_err_set(err, KF_DBERR, "libsodium failed to start");
	if (path == NULL || *path == '\0')
		return kf_err_set(err, KF_INVALID, "no database path given");

	dir = xstrdup(path);
	slash = strrchr(dir, '/');
	if (slash != NULL) {
		*(slash == dir ? slash + 1 : slash) = '\0';
		if (stat(dir, &sb) != 0 && errno == EACCES) {
			rc = kf_err_set(err, KF_DBERR,
			    "cannot reach directory %s: permission denied", dir);
			free(dir);
			return rc;
		}
		if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
			rc = kf_err_set(err, KF_NOTFOUND,
			    "directory %s does not exist", dir);
			free(dir);
			return rc;
		}
	}
	/* SQLite creates its -wal and -shm files beside the database. With
	 * effective ids: in deployed mode the group grants the access. */
	if (faccessat(AT_FDCWD, slash ? dir : ".", W_OK | X_OK, AT_EACCESS) != 0) {
		rc = kf_err_set(err, KF_DBERR,
		    "cannot write in directory %s (kefu keeps its -wal and -shm "
		    "files beside the database)", slash ? dir : ".");
		free(dir);
		return rc;
	}
	free(dir);
	if (stat(path, &sb) != 0) {
		if (errno != ENOENT || !opts->create)
			return missing(path, errno, err);
		/* Create it ourselves: SQLite would make it 0644, and in
		 * deployed mode the group must be able to write it (the
		 * umask of 007 then leaves 0660). */
		if ((fd = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC,
		    0660)) < 0)
			return kf_err_set(err, KF_DBERR, "cannot create %s: %s",
			    path, strerror(errno));
		close(fd);
		created = true;
	} else if (!S_ISREG(sb.st_mode))
		return kf_err_set(err, KF_DBERR, "%s is not a database file", path);
	else if (faccessat(AT_FDCWD, path, R_OK | W_OK, AT_EACCESS) != 0)
		return kf_err_set(err, KF_DBERR,
		    "cannot write %s: the file is read-only to you", path);

	k = xcalloc(1, sizeof(*k));
	k->path = xstrdup(path);
	k->busy_timeout_ms = opts->busy_timeout_ms > 0 ?
	    opts->busy_timeout_ms : DEFAULT_BUSY_MS;
	flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX |
	    (opts->create ? SQLITE_OPEN_CREATE : 0);
	src = sqlite3_open_v2(path, &k->db, flags, NULL);
	if (src != SQLITE_OK) {
		if (disk_full(k, src, dirbuf, sizeof(dirbuf)))
			rc = kf_db_err(k, src, "opening the database", err);
		else
			rc = kf_err_set(err, KF_DBERR, "cannot open %s: %s",
			    path, k->db ? sqlite3_errmsg(k->db) :
			    sqlite3_errstr(src));
		goto fail;
	}
	sqlite3_extended_result_codes(k->db, 1);
	sqlite3_busy_handler(k->db, busy_handler, k);
	/* Registered now, so preparing the stand-in needs no allocation
	 * beyond the statement itself. */
	if ((src = sqlite3_create_function(k->db, "kf_unprepared", 0,
	    SQLITE_UTF8, k, unprepared_fn, NULL, NULL)) != SQLITE_OK) {
		rc = kf_db_err(k, src, "opening", err);
		goto fail;
	}
	if (sqlite3_db_readonly(k->db, "main") == 1) {
		rc = kf_err_set(err, KF_DBERR,
		    "cannot write %s: the file is read-only to you", path);
		goto fail;
	}
	if ((rc = check_identity(k, opts->create, opts->as_is, err)) != KF_OK)
		goto fail;
	/* As it is: not even the journal mode (the header) changes until
	 * the caller writes (kf_migrate_with_backup sets WAL after). */
	if (!opts->as_is && (src = sqlite3_exec(k->db,
	    "PRAGMA journal_mode = WAL", NULL, NULL, NULL)) != SQLITE_OK) {
		if (disk_full(k, src, dirbuf, sizeof(dirbuf)))
			rc = kf_db_err(k, src, "opening the database", err);
		else
			rc = kf_err_set(err, KF_DBERR, "cannot open %s for "
			    "writing (%s): is its directory writable?", path,
			    sqlite3_errmsg(k->db));
		goto fail;
	}
	if ((rc = kf_exec(k, opts->sync_normal ?
	    "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL" :
	    "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL", err)) != KF_OK)
		goto fail;
	k->schema_at_open = kf_core_schema_version(k);
	if (!opts->as_is && opts->no_migrate &&
	    k->schema_at_open < kf_migrations_count) {
		rc = kf_err_set(err, KF_DBERR, "the database is schema %d; "
		    "this kefu writes schema %d: an administrator must "
		    "migrate it first (sudo kefu migrate)",
		    k->schema_at_open, kf_migrations_count);
		goto fail;
	}
	if (!opts->as_is && k->schema_at_open < kf_migrations_count &&
	    (rc = migrate(k, err)) != KF_OK)
		goto fail;
	*out = k;
	return KF_OK;
fail:
	kf_core_close(k);
	if (created)		/* leave nothing behind we made */
		kf_core_remove_files(path);
	return rc;
}

void
kf_core_remove_files(const char *path)
{
	static const char *const sides[] = { "", "-wal", "-shm", "-journal",
	    "-wait" };
	char p[PATH_MAX + 16];
	size_t i;

	for (i = 0; i < sizeof(sides) / sizeof(sides[0]); i++) {
		snprintf(p, sizeof(p), "%s%s", path, sides[i]);
		unlink(p);
	}
}

void
kf_core_close(struct kf_core *k)
{
	size_t i;

	if (k == NULL)
		return;
	if (k->tx_depth > 0 && k->db != NULL)
		sqlite3_exec(k->db, "ROLLBACK", NULL, NULL, NULL);
	for (i = 0; i < k->stmts.cap; i++)
		sqlite3_finalize(k->stmts.slots[i].stmt);	/* NULL: no-op */
	free(k->stmts.slots);
	sqlite3_finalize(k->unprepared);
	sqlite3_close(k->db);
	if (k->room != NULL) {
		if (atomic_load(&k->room->holder_pid) == (int64_t)getpid())
			atomic_store(&k->room->holder_pid, 0);
		munmap(k->room, ROOM_BYTES);
	}
	free(k->path);
	free(k);
}

struct kf_clock *
kf_core_clock(struct kf_core *k)
{
	return &k->clock;
}

int64_t
kf_core_now(struct kf_core *k)
{
	return kf_clock_now(&k->clock);
}

int64_t
kf_core_data_version(struct kf_core *k)
{
	int v = -1;

	if (pragma_int(k, "PRAGMA data_version", &v) != SQLITE_OK)
		return -1;
	return v;
}

int64_t
kf_core_max_lock_wait_ms(const struct kf_core *k)
{
	return k->max_lock_wait_ms;
}

enum kf_rc
kf_core_migrate(struct kf_core *k, int *from, int *to, struct kf_err *err)
{
	enum kf_rc rc;

	*from = k->schema_at_open;
	*to = kf_core_schema_version(k);
	if ((rc = kf_may(k, KF_ACT_MIGRATE, 0, err)) != KF_OK)
		return rc;
	if ((rc = migrate(k, err)) != KF_OK)
		return rc;
	*to = kf_core_schema_version(k);
	if (*from == *to)
		return KF_OK;
	/* The upgrade happened when this session opened the database; the
	 * trail records it under the admin who asked for the report. */
	{
		char after[64];

		snprintf(after, sizeof(after), "{\"from\":%d,\"to\":%d}", *from,
		    *to);
		if ((rc = kf_tx_begin(k, err)) != KF_OK)
			return rc;
		rc = kf_audit_append(k, "migrate", "database", 0, *to, NULL,
		    after, err);
		return kf_tx_end(k, rc, err);
	}
}
