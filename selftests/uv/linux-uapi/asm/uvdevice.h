/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * <asm/uvdevice.h> for Linux's own test_uvdevice.c (scripts/build-selftests
 * builds it from Debian's linux-source): our uapi header in its place, on
 * every architecture, so that the test also checks that a program written
 * against the upstream header builds against ours unchanged.
 */
#include "../../../../include/uapi/secex/uvdevice.h"
