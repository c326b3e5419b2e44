/*
 * demo.h — made-up but realistic customers, for `make run` (a few
 * thousand), `kefu demo customers` and the search benchmark (a million).
 *
 * The generator is a pure function of (seed, i): record i of the stream
 * for a seed is always the same, whatever was generated before it, so a
 * benchmark can ask for record 42 to know a phone number that exists, and
 * a database can be grown in pieces (from = 0, then from = 10000, ...).
 * Every record passes kf_customer_check. Account numbers are "D" and the
 * record's index in 8 digits (D00000042), so demo data is recognisable
 * and the same index always gets the same account, whatever the seed.
 */
#ifndef KEFU_DEMO_H
#define KEFU_DEMO_H

#include <stdint.h>

#include "kefu/core.h"
#include "kefu/customer.h"
#include "kefu/err.h"

/*
 * Fills *c with record i of the stream for seed: a Chinese name (common
 * surnames by their real frequency, 1-2 given-name characters; shops and
 * offices for the commercial and other kinds), one mobile number and
 * sometimes a landline, community / building / unit / room, sometimes a
 * free-text address and notes, a kind, a move-in date (2005-2026).
 * c is overwritten, not cleared first: pass a zeroed or cleared struct.
 * Every string is allocated; the caller frees them with
 * kf_customer_clear. Never fails.
 */
void		kf_demo_customer(uint64_t seed, uint64_t i,
		    struct kf_customer *c);

/*
 * Adds records [from, from + count) of the stream for seed through
 * kf_customer_add_batch, in chunks of 1,000: each chunk is its own
 * transaction (audited like any add), so a large count makes progress
 * and a failure keeps the chunks before it. KF_DENIED when the actor may
 * not add customers; KF_CONFLICT when an account number of the range
 * (D + index) is taken, e.g. the range was added before: nothing of that
 * chunk is added. err as kf_customer_add_batch sets it.
 */
enum kf_rc	kf_demo_customers(struct kf_core *k, uint64_t seed,
		    uint64_t from, uint64_t count, struct kf_err *err);

/*
 * The demo's complaints (issue 12), so the supervisor's queue (F4) has
 * one at each stage: registered, forwarded (one made to the company
 * directly, one serious and municipal), actions approved, result
 * recorded (callback due), called back (waiting for a signature),
 * closed, and a duplicate linked (R48); and callbacks (issue 13, F6)
 * in every state besides the complaints' own: promises (one tried with
 * no answer), a work order's caller overdue, one done, one reviewed, one
 * cancelled. Complainants are records of the
 * customer stream for seed. The session acts as desk (reception),
 * handler (the person responsible) and supervisor in turn, by login
 * (owner mode), and as its own actor again on return; registered hours
 * to days before now, so the clocks show their progress.
 */
enum kf_rc	kf_demo_complaints(struct kf_core *k, uint64_t seed,
		    const char *desk, const char *handler,
		    const char *supervisor, struct kf_err *err);

#endif
