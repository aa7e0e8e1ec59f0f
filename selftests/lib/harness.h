/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kselftest harness as the tests include it: some versions of it leave
 * a signal handler's argument unused, which -Wextra -Werror refuses.
 */
#ifndef SECEX_SELFTEST_HARNESS_H
#define SECEX_SELFTEST_HARNESS_H

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-parameter"
#include "kselftest_harness.h"
#pragma GCC diagnostic pop

#endif
