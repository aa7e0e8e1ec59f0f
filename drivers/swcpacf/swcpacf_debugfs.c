// SPDX-License-Identifier: GPL-2.0
/*
 * /sys/kernel/debug/secex_swcpacf/rotate_every_ms (root): rotate the
 * wrapping key every N milliseconds from a delayed work, 0 (the default)
 * stops.  Benchmarks and stress tests need a steady rate of rotations; a
 * shell loop in an emulated guest managed less than two per second.  The
 * rotations count in /sys/kernel/secex_swcpacf/generation as any other.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/debugfs.h>
#include <linux/jiffies.h>
#include <linux/workqueue.h>
#include <secex/swcpacf.h>
#include "swcpacf_internal.h"

static struct dentry *swcpacf_debugfs;
static unsigned int swcpacf_rotate_ms;
static unsigned long swcpacf_rotate_next;	/* jiffies of the next one */

static void swcpacf_rotate_fn(struct work_struct *work);
static DECLARE_DELAYED_WORK(swcpacf_rotate_work, swcpacf_rotate_fn);

static void swcpacf_rotate_fn(struct work_struct *work)
{
	unsigned int ms = READ_ONCE(swcpacf_rotate_ms);
	long delay;
	int ret;

	if (!ms)
		return;
	ret = secex_swcpacf_rotate();
	if (ret)
		pr_warn_ratelimited("timed rotation failed (%d)\n", ret);
	/*
	 * A steady rate: the next one counts from when this one was due,
	 * and rotations that came late (a busy or starved guest runs the
	 * work late) are caught up at once, so that the rate holds over any
	 * second.  After a stall of more than a second the count starts
	 * afresh instead of rotating in a burst.
	 */
	swcpacf_rotate_next += msecs_to_jiffies(ms);
	delay = (long)(swcpacf_rotate_next - jiffies);
	if (delay < -(long)HZ)
		swcpacf_rotate_next = jiffies;
	if (delay < 0)
		delay = 0;
	schedule_delayed_work(&swcpacf_rotate_work, delay);
}

static int swcpacf_rotate_ms_get(void *data, u64 *val)
{
	*val = READ_ONCE(swcpacf_rotate_ms);
	return 0;
}

static int swcpacf_rotate_ms_set(void *data, u64 val)
{
	if (val > 60 * MSEC_PER_SEC)
		return -EINVAL;
	cancel_delayed_work_sync(&swcpacf_rotate_work);
	WRITE_ONCE(swcpacf_rotate_ms, val);
	if (val) {
		swcpacf_rotate_next = jiffies + msecs_to_jiffies(val);
		schedule_delayed_work(&swcpacf_rotate_work,
				      msecs_to_jiffies(val));
	}
	return 0;
}

DEFINE_DEBUGFS_ATTRIBUTE(swcpacf_rotate_ms_fops, swcpacf_rotate_ms_get,
			 swcpacf_rotate_ms_set, "%llu\n");

void swcpacf_debugfs_init(void)
{
	swcpacf_debugfs = debugfs_create_dir("secex_swcpacf", NULL);
	debugfs_create_file_unsafe("rotate_every_ms", 0600, swcpacf_debugfs,
				   NULL, &swcpacf_rotate_ms_fops);
}

void swcpacf_debugfs_exit(void)
{
	debugfs_remove_recursive(swcpacf_debugfs);
	WRITE_ONCE(swcpacf_rotate_ms, 0);
	cancel_delayed_work_sync(&swcpacf_rotate_work);
}
