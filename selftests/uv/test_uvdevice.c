// SPDX-License-Identifier: GPL-2.0
/*
 * kselftest for /dev/uv (the s390 uvdevice ABI as implemented by secex_uv):
 * the checks the driver does before any ultravisor call.  Where the
 * kernel's own uvdevice is /dev/uv, secex_uv's device is /dev/secex-uv,
 * and that is the one tested.  Apart from INFO
 * no test issues a well-formed call, so the secret store and the
 * ultravisor state are left alone.
 *
 * Build: gcc -static -std=gnu11 -Wall -Wextra -Werror -I<kselftest dir>
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "../../include/uapi/secex/uvdevice.h"
#include "../lib/harness.h"

/* secex_uv's device: /dev/secex-uv next to the kernel's uvdevice. */
#define UV_PATH (access("/dev/" UVIO_SECEX_DEVICE_NAME, F_OK) ?		\
		 "/dev/" UVIO_DEVICE_NAME : "/dev/" UVIO_SECEX_DEVICE_NAME)
#define BUFFER_SIZE 0x200

#define REQUIRE_UV()							\
	do {								\
		if (self->uv_fd < 0)					\
			SKIP(return, "%s not available: %s", UV_PATH,	\
			     strerror(self->open_errno));		\
	} while (0)

/* EXPECT_EQ(@want, @got), logging which case failed. */
#define EXPECT_CASE(want, got, fmt, ...)				\
	do {								\
		int __got = (got);					\
									\
		if (__got != (want))					\
			TH_LOG(fmt, ##__VA_ARGS__);			\
		EXPECT_EQ(want, __got);					\
	} while (0)

/* ioctl() result as an errno (0 on success). */
static int uv_errno(int fd, unsigned long cmd, void *arg)
{
	return ioctl(fd, cmd, arg) ? errno : 0;
}

FIXTURE(uvio_fixture) {
	int uv_fd;
	int open_errno;
	struct uvio_ioctl_cb cb;
	uint8_t buffer[BUFFER_SIZE];
	void *fault_page;
};

FIXTURE_VARIANT(uvio_fixture) {
	unsigned int nr;
	uint32_t arg_size;
};

FIXTURE_VARIANT_ADD(uvio_fixture, info) {
	.nr = UVIO_IOCTL_UVDEV_INFO_NR,
	.arg_size = sizeof(struct uvio_uvdev_info),
};

FIXTURE_VARIANT_ADD(uvio_fixture, att) {
	.nr = UVIO_IOCTL_ATT_NR,
	.arg_size = sizeof(struct uvio_attest),
};

FIXTURE_VARIANT_ADD(uvio_fixture, add_secret) {
	.nr = UVIO_IOCTL_ADD_SECRET_NR,
	.arg_size = BUFFER_SIZE,
};

FIXTURE_VARIANT_ADD(uvio_fixture, list_secrets) {
	.nr = UVIO_IOCTL_LIST_SECRETS_NR,
	.arg_size = UVIO_LIST_SECRETS_LEN,
};

FIXTURE_VARIANT_ADD(uvio_fixture, lock_secrets) {
	.nr = UVIO_IOCTL_LOCK_SECRETS_NR,
	.arg_size = 0,
};

FIXTURE_VARIANT_ADD(uvio_fixture, retr_secret) {
	.nr = UVIO_IOCTL_RETR_SECRET_NR,
	.arg_size = BUFFER_SIZE,
};

FIXTURE_SETUP(uvio_fixture)
{
	self->uv_fd = open(UV_PATH, O_RDWR);
	self->open_errno = errno;
	self->cb.argument_addr = (uint64_t)(uintptr_t)self->buffer;
	self->cb.argument_len = variant->arg_size;
	self->fault_page = mmap(NULL, (size_t)getpagesize(), PROT_NONE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, self->fault_page);
}

FIXTURE_TEARDOWN(uvio_fixture)
{
	if (self->uv_fd >= 0)
		close(self->uv_fd);
	munmap(self->fault_page, (size_t)getpagesize());
}

TEST_F(uvio_fixture, fault_ioctl_arg)
{
	unsigned long cmd = UVIO_IOCTL(variant->nr);

	REQUIRE_UV();
	EXPECT_EQ(EFAULT, uv_errno(self->uv_fd, cmd, NULL));
	EXPECT_EQ(EFAULT, uv_errno(self->uv_fd, cmd, self->fault_page));
}

TEST_F(uvio_fixture, fault_uvio_arg)
{
	REQUIRE_UV();
	/* LOCK takes no argument, so there is nothing to fault on */
	if (variant->nr == UVIO_IOCTL_LOCK_SECRETS_NR)
		SKIP(return, "lock secrets has no argument");
	self->cb.argument_addr = 0;
	EXPECT_EQ(EFAULT, uv_errno(self->uv_fd, UVIO_IOCTL(variant->nr),
				   &self->cb));
	self->cb.argument_addr = (uint64_t)(uintptr_t)self->fault_page;
	EXPECT_EQ(EFAULT, uv_errno(self->uv_fd, UVIO_IOCTL(variant->nr),
				   &self->cb));
}

TEST_F(uvio_fixture, inval_flags)
{
	REQUIRE_UV();
	self->cb.flags = 1;
	EXPECT_EQ(EINVAL, uv_errno(self->uv_fd, UVIO_IOCTL(variant->nr),
				   &self->cb));
	self->cb.flags = 0x80000000;
	EXPECT_EQ(EINVAL, uv_errno(self->uv_fd, UVIO_IOCTL(variant->nr),
				   &self->cb));
}

TEST_F(uvio_fixture, inval_reserved)
{
	size_t i;

	REQUIRE_UV();
	for (i = 0; i < sizeof(self->cb.reserved14); i++) {
		self->cb.reserved14[i] = 0x42;
		EXPECT_CASE(EINVAL, uv_errno(self->uv_fd,
					     UVIO_IOCTL(variant->nr), &self->cb),
			    "reserved14[%zu] set", i);
		self->cb.reserved14[i] = 0;
	}
}

TEST_F(uvio_fixture, inval_ioctl_cmd)
{
	const unsigned int nr = variant->nr, sz = sizeof(struct uvio_ioctl_cb);
	const unsigned long bad[] = {
		_IOC(_IOC_READ | _IOC_WRITE, 'v', nr, sz),	/* type */
		_IOC(_IOC_READ | _IOC_WRITE, 0, nr, sz),
		_IOC(_IOC_READ, UVIO_TYPE_UVC, nr, sz),		/* dir */
		_IOC(_IOC_WRITE, UVIO_TYPE_UVC, nr, sz),
		_IOC(_IOC_NONE, UVIO_TYPE_UVC, nr, 0),
		_IOC(_IOC_READ | _IOC_WRITE, UVIO_TYPE_UVC, nr, sz - 1), /* size */
		_IOC(_IOC_READ | _IOC_WRITE, UVIO_TYPE_UVC, nr, sz + 1),
		_IOC(_IOC_READ | _IOC_WRITE, UVIO_TYPE_UVC, nr, 0),
		_IOC(_IOC_READ | _IOC_WRITE, UVIO_TYPE_UVC, nr, 0x3fff),
	};
	size_t i;

	REQUIRE_UV();
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		EXPECT_CASE(ENOTTY, uv_errno(self->uv_fd, bad[i], &self->cb),
			"cmd 0x%lx", bad[i]);
}

FIXTURE(uvio_dev) {
	int uv_fd;
	int open_errno;
	struct uvio_ioctl_cb cb;
	struct uvio_attest att;
	uint8_t buffer[BUFFER_SIZE];
};

FIXTURE_SETUP(uvio_dev)
{
	self->uv_fd = open(UV_PATH, O_RDWR);
	self->open_errno = errno;
}

FIXTURE_TEARDOWN(uvio_dev)
{
	if (self->uv_fd >= 0)
		close(self->uv_fd);
}

/* Issue @nr with argument @addr / @len, return the errno. */
static int uv_arg(FIXTURE_DATA(uvio_dev) *self, unsigned int nr, void *addr,
		  uint32_t len)
{
	memset(&self->cb, 0, sizeof(self->cb));
	self->cb.argument_addr = (uint64_t)(uintptr_t)addr;
	self->cb.argument_len = len;
	return uv_errno(self->uv_fd, UVIO_IOCTL(nr), &self->cb);
}

TEST_F(uvio_dev, inval_nr)
{
	const unsigned int nrs[] = { UVIO_IOCTL_NUM_IOCTLS, 7, 0x10, 0x7f, 0xff };
	size_t i;

	REQUIRE_UV();
	for (i = 0; i < sizeof(nrs) / sizeof(nrs[0]); i++)
		EXPECT_CASE(ENOTTY, uv_arg(self, nrs[i], self->buffer,
					 BUFFER_SIZE),
			"nr %u", nrs[i]);
}

TEST_F(uvio_dev, att_inval_len)
{
	const uint32_t lens[] = { 0, 1, sizeof(struct uvio_attest) - 1,
				  sizeof(struct uvio_attest) + 1, 0x1000 };
	size_t i;

	REQUIRE_UV();
	for (i = 0; i < sizeof(lens) / sizeof(lens[0]); i++)
		EXPECT_CASE(EINVAL, uv_arg(self, UVIO_IOCTL_ATT_NR, &self->att,
					 lens[i]),
			"argument_len %u", lens[i]);
}

static void att_valid(struct uvio_attest *att, uint8_t *buf)
{
	memset(att, 0, sizeof(*att));
	att->arcb_addr = (uint64_t)(uintptr_t)buf;
	att->arcb_len = BUFFER_SIZE;
	att->meas_addr = (uint64_t)(uintptr_t)buf;
	att->meas_len = 64;
}

TEST_F(uvio_dev, att_inval_request)
{
	struct uvio_attest *att = &self->att;

	REQUIRE_UV();
	att_valid(att, self->buffer);
	att->arcb_len = 0;
	EXPECT_EQ(EINVAL, uv_arg(self, UVIO_IOCTL_ATT_NR, att, sizeof(*att)));
	att->arcb_len = UVIO_ATT_ARCB_MAX_LEN + 1;
	EXPECT_EQ(EINVAL, uv_arg(self, UVIO_IOCTL_ATT_NR, att, sizeof(*att)));

	att_valid(att, self->buffer);
	att->meas_len = 0;
	EXPECT_EQ(EINVAL, uv_arg(self, UVIO_IOCTL_ATT_NR, att, sizeof(*att)));
	att->meas_len = UVIO_ATT_MEASUREMENT_MAX_LEN + 1;
	EXPECT_EQ(EINVAL, uv_arg(self, UVIO_IOCTL_ATT_NR, att, sizeof(*att)));

	att_valid(att, self->buffer);
	att->add_data_len = UVIO_ATT_ADDITIONAL_MAX_LEN + 1;
	EXPECT_EQ(EINVAL, uv_arg(self, UVIO_IOCTL_ATT_NR, att, sizeof(*att)));

	att_valid(att, self->buffer);
	att->reserved136 = 1;
	EXPECT_EQ(EINVAL, uv_arg(self, UVIO_IOCTL_ATT_NR, att, sizeof(*att)));
}

TEST_F(uvio_dev, add_inval_len)
{
	REQUIRE_UV();
	EXPECT_EQ(EINVAL, uv_arg(self, UVIO_IOCTL_ADD_SECRET_NR, self->buffer,
				 0));
	EXPECT_EQ(EINVAL, uv_arg(self, UVIO_IOCTL_ADD_SECRET_NR, self->buffer,
				 UVIO_ADD_SECRET_MAX_LEN + 1));
}

TEST_F(uvio_dev, list_inval_len)
{
	const uint32_t lens[] = { 0, 1, UVIO_LIST_SECRETS_LEN - 1,
				  UVIO_LIST_SECRETS_LEN + 1,
				  2 * UVIO_LIST_SECRETS_LEN - 1 };
	size_t i;

	REQUIRE_UV();
	for (i = 0; i < sizeof(lens) / sizeof(lens[0]); i++)
		EXPECT_CASE(EINVAL, uv_arg(self, UVIO_IOCTL_LIST_SECRETS_NR,
					   self->buffer, lens[i]),
			"argument_len %u", lens[i]);
}

TEST_F(uvio_dev, lock_inval_arg)
{
	REQUIRE_UV();
	EXPECT_EQ(EINVAL, uv_arg(self, UVIO_IOCTL_LOCK_SECRETS_NR,
				 self->buffer, 0));
	EXPECT_EQ(EINVAL, uv_arg(self, UVIO_IOCTL_LOCK_SECRETS_NR, NULL, 1));
	EXPECT_EQ(EINVAL, uv_arg(self, UVIO_IOCTL_LOCK_SECRETS_NR,
				 self->buffer, BUFFER_SIZE));
}

TEST_F(uvio_dev, retr_inval_len)
{
	REQUIRE_UV();
	EXPECT_EQ(EINVAL, uv_arg(self, UVIO_IOCTL_RETR_SECRET_NR, self->buffer,
				 0));
	EXPECT_EQ(EINVAL, uv_arg(self, UVIO_IOCTL_RETR_SECRET_NR, self->buffer,
				 1));
	EXPECT_EQ(EINVAL, uv_arg(self, UVIO_IOCTL_RETR_SECRET_NR, self->buffer,
				 UVIO_RETR_SECRET_MAX_LEN + 1));
}

TEST_F(uvio_dev, info_inval_len)
{
	uint32_t len;

	REQUIRE_UV();
	for (len = 0; len < sizeof(struct uvio_uvdev_info); len++)
		EXPECT_CASE(EINVAL, uv_arg(self, UVIO_IOCTL_UVDEV_INFO_NR,
					   self->buffer, len),
			"argument_len %u", len);
}

TEST_F(uvio_dev, info_contents)
{
	struct uvio_uvdev_info info;

	REQUIRE_UV();
	memset(&info, 0xff, sizeof(info));
	ASSERT_EQ(0, uv_arg(self, UVIO_IOCTL_UVDEV_INFO_NR, &info,
			    sizeof(info)));
	EXPECT_EQ(1, self->cb.uv_rc);
	EXPECT_EQ(0x3fULL, (unsigned long long)info.supp_uvio_cmds);
	EXPECT_EQ(0ULL, (unsigned long long)(info.supp_uv_cmds &
					     UVIO_SUPP_UDEV_INFO));
	/* a larger buffer is fine; only 16 bytes are written */
	memset(self->buffer, 0xa5, sizeof(self->buffer));
	ASSERT_EQ(0, uv_arg(self, UVIO_IOCTL_UVDEV_INFO_NR, self->buffer,
			    BUFFER_SIZE));
	EXPECT_EQ(0xa5, self->buffer[sizeof(info)]);
	EXPECT_EQ(0, memcmp(self->buffer, &info, sizeof(info)));
}

TEST_HARNESS_MAIN
