# SPDX-License-Identifier: GPL-2.0
#
# secex: Secure Execution guest modules (/dev/uv, /dev/pkey, paes) and tools.
#
#   make                 build the modules for the running kernel, or for
#                        KERNELRELEASE=<release> / KERNELDIR=<build tree>
#   make tools           build the userspace tools
#   make install         install modules (updates/), tools, udev rule,
#                        the secex-secrets.service unit and the
#                        initramfs-tools hook and script (DESTDIR, PREFIX
#                        honoured)
#   make check           checkpatch, sparse, W=1 on every kernel of the
#                        matrix but s390x-debug; -Werror and cppcheck on
#                        the tools
#   make test            kselftests in VMs on every kernel of the matrix
#   make test-quick      the same on the stock 6.1 kernel only
#   make test-machines   the matrix entries not in make test: the z15/z16
#                        CPU, the one without PCKMO, Debian 13's s390x
#                        kernel (s390x-13), the s390x kernel with KUnit
#                        (s390x-debug, built from source, checked first as
#                        make check does), and the unlock boots of
#                        s390x-cpacf's software UV (minutes each;
#                        Documentation/harness.md)
#   make test-boot       a real Debian 12 guest booted with systemd, root
#                        and data opened by their secex-uv tokens, and
#                        refused under another SE image (about 15 minutes;
#                        make test runs it too, Documentation/harness.md)
#   make test-boot-s390x the same for Debian 12 s390x on the s390x-uv
#                        machine (the Ultravisor Call, CPACF; not in make
#                        test: its cost is in Documentation/harness.md)
#   make test-install    our Debian packages installed with apt in a booted
#                        Debian 12 guest: DKMS there, a second kernel, purge
#                        (half an hour; not in make test)
#   make test-install-s390x  the same for Debian 12 s390x on the s390x-cpacf
#                        machine: the tools' packages and DKMS built
#                        natively under emulation (about 1.5 hours; not
#                        in make test, Documentation/harness.md)
#   make stress          rotation under fio and 64-thread ioctl load, minutes
#   make fuzz            1,000,000 fuzzed ioctls per device on the debug kernel
#   make demo            the main job: the whole flow in a VM
#   make selftests       build the static kselftest programs (ARCH=)

KERNELRELEASE ?= $(shell uname -r)
KERNELDIR ?= /lib/modules/$(KERNELRELEASE)/build
PREFIX ?= /usr
DESTDIR ?=
ARCH ?= $(shell uname -m)
MODULE_DIR ?= updates

SELFTEST_ARCH := $(subst s390,s390x,$(subst s390x,s390,$(ARCH)))
ifeq ($(SELFTEST_ARCH),s390x)
SELFTEST_CC ?= s390x-linux-gnu-gcc
else
SELFTEST_CC ?= gcc
endif

all: module

module:
	$(MAKE) -C $(KERNELDIR) M=$(CURDIR) modules

module-install: module
	$(MAKE) -C $(KERNELDIR) M=$(CURDIR) INSTALL_MOD_DIR=$(MODULE_DIR) \
		$(if $(DESTDIR),INSTALL_MOD_PATH=$(DESTDIR)) modules_install

tools:
	$(MAKE) -C userspace

tools-install: tools
	$(MAKE) -C userspace install DESTDIR=$(DESTDIR) PREFIX=$(PREFIX)

# The boot step that adds UV secrets before cryptsetup runs: the unit
# (not enabled here: systemctl enable secex-secrets.service) calls
# secex-uv in $(PREFIX)/bin; the initramfs-tools hook and script go
# where packages put theirs, which also runs the script before cryptroot.
# /boot/secex/secrets.d holds the add-secret requests (*.req): outside
# the SE image, which they are bound to.
config-install:
	install -D -m 0644 packaging/60-secex.rules $(DESTDIR)/lib/udev/rules.d/60-secex.rules
	install -d $(DESTDIR)/lib/systemd/system
	sed 's|@BINDIR@|$(PREFIX)/bin|g' packaging/systemd/secex-secrets.service.in \
		>$(DESTDIR)/lib/systemd/system/secex-secrets.service
	chmod 0644 $(DESTDIR)/lib/systemd/system/secex-secrets.service
	install -D -m 0755 packaging/initramfs-tools/hooks/secex-uv \
		$(DESTDIR)/usr/share/initramfs-tools/hooks/secex-uv
	install -D -m 0755 packaging/initramfs-tools/scripts/local-top/secex-uv \
		$(DESTDIR)/usr/share/initramfs-tools/scripts/local-top/secex-uv
	install -d -m 0755 $(DESTDIR)/boot/secex/secrets.d

install: module-install tools-install config-install
	$(if $(DESTDIR),,depmod -a $(KERNELRELEASE))

selftests:
	scripts/build-selftests $(SELFTEST_ARCH) $(SELFTEST_CC)

check:
	scripts/check

test:
	scripts/test

test-quick:
	scripts/test --kernel 6.1

CHECK_EXTRA = $(shell bash -c '. scripts/lib/common.sh && . scripts/lib/kernels.sh && echo $$SECEX_KERNELS_CHECK_EXTRA')

test-machines:
	$(if $(CHECK_EXTRA),scripts/check $(foreach k,$(CHECK_EXTRA),--kernel $(k)))
	scripts/test $(foreach k,$(shell bash -c '. scripts/lib/common.sh && . scripts/lib/kernels.sh && echo $$SECEX_KERNELS_EXTRA'),--kernel $(k))
	scripts/test --unlock-only $(foreach k,$(shell bash -c '. scripts/lib/common.sh && . scripts/lib/kernels.sh && echo $$SECEX_KERNELS_UNLOCK_EXTRA'),--kernel $(k))

test-boot:
	scripts/test-boot

test-boot-s390x:
	scripts/test-boot --machine s390x

test-install:
	scripts/test-install

test-install-s390x:
	scripts/test-install --machine s390x

stress:
	scripts/stress

fuzz:
	scripts/fuzz

demo:
	scripts/demo

clean:
	$(MAKE) -C $(KERNELDIR) M=$(CURDIR) clean 2>/dev/null || true
	$(MAKE) -C userspace clean 2>/dev/null || true
	rm -rf build

.PHONY: all module module-install tools tools-install config-install install \
	selftests check test test-quick test-machines test-boot test-boot-s390x test-install test-install-s390x stress fuzz demo clean
