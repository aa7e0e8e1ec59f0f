/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * s390x CPACF: AES, encrypted-key (protected-key) AES and PCKMO under TCG
 *
 * Implements the Message-Security-Assist subfunctions that Linux's
 * aes_s390, paes_s390 and pkey drivers use:
 *
 *   KM     AES-128/192/256, Encrypted-AES-128/192/256,
 *          XTS-AES-128/256, XTS-Encrypted-AES-128/256,
 *          Full-XTS-AES-128/256, Full-XTS-Encrypted-AES-128/256 (MSA 10)
 *   KMC    AES-128/192/256, Encrypted-AES-128/192/256
 *   KMCTR  AES-128/192/256, Encrypted-AES-128/192/256
 *   PCC    Compute XTS Parameter using (Encrypted-)AES-128/256
 *   PCKMO  Encrypt-AES-128/192/256-Key,
 *          Encrypt-AES-XTS-128/256-Double-Key (MSA 10)
 *
 * THIS IS A TEST EMULATION OF THE ARCHITECTURE, NOT A SECURITY BOUNDARY.
 * The wrapping key lives in QEMU's own memory, and every clear key passes
 * through it.  What it gives a guest is the architected behaviour: keys that
 * only this machine can use, a wrapping-key verification pattern (WKVP) that
 * the encrypted-key functions check, and condition code 1 with nothing
 * processed when a protected key was made under another wrapping key.
 *
 * Wrapping (our construction; the real one is not published):
 *   - The wrapping key WK is a random AES-256 key, one per machine.  A
 *     machine reset that renews KVM guests' wrapping keys (IPL, re-IPL,
 *     clear reset: s390_crypto_reset()) replaces it, so protected keys
 *     kept across a reboot end with condition code 1, as on IBM Z.  The
 *     monitor command "cpacf-new-wrapping-key" replaces it at any time, as
 *     a live migration to another machine does.
 *   - WKVP = AES_WK(01 00 .. 00) || AES_WK(01 01 00 .. 00).
 *   - A k-byte key (k = 16, 24, 32) is wrapped by a 4-round balanced
 *     Feistel network (Luby-Rackoff: a strong pseudorandom permutation of
 *     k-byte strings, so the wrapped key has the clear key's length) whose
 *     round function is a two-block CBC-MAC under WK:
 *         F_i(x) = first k/2 bytes of AES_WK(AES_WK(02 i k p 00 .. 00) ^ x)
 *     with x zero-padded to 16 bytes.  Fixed-length CBC-MAC is a PRF, and
 *     the first block separates the rounds, key lengths and the WKVP.
 *     p is 0 for a single key; the two halves of an XTS double key are
 *     wrapped one by one with p = 1 and p = 2.
 *   - A protected key is the wrapped key followed by the 32-byte WKVP.
 *     Any wrapped bytes with the current WKVP are accepted, as on the real
 *     machine (Linux makes random protected keys that way).
 *
 * Not implemented: PCC with a non-zero block sequence number (Linux never
 * uses one; specification exception), the DEA/TDEA, GCM, HMAC and ECC
 * subfunctions.  None of them is advertised in the query masks.
 */

#include "qemu/osdep.h"
#include "qemu/thread.h"
#include "qemu/guest-random.h"
#include "crypto/aes.h"
#include "monitor/monitor.h"
#include "monitor/hmp-target.h"
#include "s390x-internal.h"
#include "tcg_s390x.h"
#include "cpacf.h"
#include "exec/exec-all.h"
#include "exec/cpu_ldst.h"

#define WKVP_LEN 32
/* Work per execution before cc 3 (keeps the vCPU responsive). */
#define CPACF_MAX_BYTES 8192

enum cpacf_mode { MODE_ECB, MODE_CBC, MODE_CTR, MODE_XTS, MODE_FULL_XTS,
                  MODE_PCC_XTS, MODE_PCKMO };

/* ---- wrapping key ---- */

typedef struct WrapState {
    AES_KEY wk;                 /* AES-256 schedule of the wrapping key */
    uint8_t wkvp[WKVP_LEN];
} WrapState;

static QemuMutex wrap_lock;
static WrapState wrap_state;

static void wrap_new_key_locked(void)
{
    uint8_t wk[32], blk[16] = { 0x01 };

    qemu_guest_getrandom_nofail(wk, sizeof(wk));
    AES_set_encrypt_key(wk, 256, &wrap_state.wk);
    AES_encrypt(blk, wrap_state.wkvp, &wrap_state.wk);
    blk[1] = 0x01;
    AES_encrypt(blk, wrap_state.wkvp + 16, &wrap_state.wk);
    memset(wk, 0, sizeof(wk));
}

/* A consistent copy of the wrapping state, made on first use per process. */
static void wrap_snapshot(WrapState *ws)
{
    static gsize initialized;

    if (g_once_init_enter(&initialized)) {
        qemu_mutex_init(&wrap_lock);
        qemu_mutex_lock(&wrap_lock);
        wrap_new_key_locked();
        qemu_mutex_unlock(&wrap_lock);
        g_once_init_leave(&initialized, 1);
    }
    qemu_mutex_lock(&wrap_lock);
    *ws = wrap_state;
    qemu_mutex_unlock(&wrap_lock);
}

/* A new wrapping key; returns the first bytes of its WKVP for messages. */
static uint64_t wrap_renew(void)
{
    WrapState ws;
    uint64_t head;

    wrap_snapshot(&ws);         /* makes sure the lock exists */
    qemu_mutex_lock(&wrap_lock);
    wrap_new_key_locked();
    ws = wrap_state;
    qemu_mutex_unlock(&wrap_lock);
    head = ldq_be_p(ws.wkvp);
    memset(&ws, 0, sizeof(ws));
    return head;
}

void cpacf_reset_wrapping_key(void)
{
    wrap_renew();
}

void hmp_cpacf_new_wrapping_key(Monitor *mon, const QDict *qdict)
{
    monitor_printf(mon, "CPACF wrapping key replaced, new WKVP begins "
                   "%016" PRIx64 "\n", wrap_renew());
}

/*
 * @part: 0 for a single key, 1 and 2 for the halves of an XTS double key
 * (each half is wrapped on its own, under its own round functions).
 */
static void feistel_round(const WrapState *ws, int round, int klen, int part,
                          const uint8_t *x, uint8_t *out)
{
    uint8_t blk[16] = { 0x02, round, klen, part }, mac[16];
    int half = klen / 2, i;

    AES_encrypt(blk, blk, &ws->wk);
    for (i = 0; i < half; i++) {
        blk[i] ^= x[i];
    }
    AES_encrypt(blk, mac, &ws->wk);
    for (i = 0; i < half; i++) {
        out[i] ^= mac[i];
    }
}

static void wrap_key(const WrapState *ws, const uint8_t *clear, uint8_t *out,
                     int klen, int part)
{
    uint8_t l[16], r[16], t[16];
    int half = klen / 2, round;

    memcpy(l, clear, half);
    memcpy(r, clear + half, half);
    for (round = 0; round < 4; round++) {
        /* (L, R) -> (R, L ^ F(R)) */
        memcpy(t, l, half);
        feistel_round(ws, round, klen, part, r, t);
        memcpy(l, r, half);
        memcpy(r, t, half);
    }
    memcpy(out, l, half);
    memcpy(out + half, r, half);
    memset(l, 0, sizeof(l));
    memset(r, 0, sizeof(r));
    memset(t, 0, sizeof(t));
}

static void unwrap_key(const WrapState *ws, const uint8_t *wrapped,
                       uint8_t *clear, int klen, int part)
{
    uint8_t l[16], r[16], t[16];
    int half = klen / 2, round;

    memcpy(l, wrapped, half);
    memcpy(r, wrapped + half, half);
    for (round = 3; round >= 0; round--) {
        /* (L, R) -> (R ^ F(L), L) */
        memcpy(t, r, half);
        feistel_round(ws, round, klen, part, l, t);
        memcpy(r, l, half);
        memcpy(l, t, half);
    }
    memcpy(clear, l, half);
    memcpy(clear + half, r, half);
    memset(l, 0, sizeof(l));
    memset(r, 0, sizeof(r));
    memset(t, 0, sizeof(t));
}

/* ---- subfunctions ---- */

typedef struct CpacfFunc {
    enum cpacf_mode mode;
    int klen;                   /* AES key length in bytes (per key) */
    int nkeys;                  /* 2: an XTS double key K1 || K2 */
    bool encrypted;             /* key is protected: wrapped key + WKVP */
} CpacfFunc;

/* What a function code names, for the instructions that accept it. */
enum cpacf_kind {
    KIND_AES,                   /* KM/KMC/KMCTR; PCKMO if not encrypted */
    KIND_XTS,                   /* KM and PCC, two separate keys */
    KIND_FULL_XTS,              /* KM with one double key (MSA 10) */
    KIND_PCKMO_DK,              /* PCKMO of an XTS double key (MSA 10) */
};

static bool cpacf_func(uint32_t type, uint8_t fc, CpacfFunc *f)
{
    static const struct {
        uint8_t fc;
        int klen;
        bool encrypted;
        enum cpacf_kind kind;
    } codes[] = {
        { 18, 16, false, KIND_AES }, { 19, 24, false, KIND_AES },
        { 20, 32, false, KIND_AES }, { 21, 16, false, KIND_PCKMO_DK },
        { 22, 32, false, KIND_PCKMO_DK }, { 26, 16, true, KIND_AES },
        { 27, 24, true, KIND_AES }, { 28, 32, true, KIND_AES },
        { 50, 16, false, KIND_XTS }, { 52, 32, false, KIND_XTS },
        { 58, 16, true, KIND_XTS }, { 60, 32, true, KIND_XTS },
        { 82, 16, false, KIND_FULL_XTS }, { 84, 32, false, KIND_FULL_XTS },
        { 90, 16, true, KIND_FULL_XTS }, { 92, 32, true, KIND_FULL_XTS },
    };
    enum cpacf_kind kind;
    int i;

    for (i = 0; i < ARRAY_SIZE(codes); i++) {
        if (codes[i].fc == fc) {
            break;
        }
    }
    if (i == ARRAY_SIZE(codes)) {
        return false;
    }
    kind = codes[i].kind;
    f->klen = codes[i].klen;
    f->encrypted = codes[i].encrypted;
    f->nkeys = kind == KIND_FULL_XTS || kind == KIND_PCKMO_DK ? 2 : 1;
    switch (type) {
    case S390_FEAT_TYPE_KM:
        f->mode = kind == KIND_AES ? MODE_ECB :
                  kind == KIND_XTS ? MODE_XTS : MODE_FULL_XTS;
        return kind != KIND_PCKMO_DK;
    case S390_FEAT_TYPE_KMC:
        f->mode = MODE_CBC;
        return kind == KIND_AES;
    case S390_FEAT_TYPE_KMCTR:
        f->mode = MODE_CTR;
        return kind == KIND_AES;
    case S390_FEAT_TYPE_PCC:
        f->mode = MODE_PCC_XTS;
        return kind == KIND_XTS;
    case S390_FEAT_TYPE_PCKMO:
        /* PCKMO 18-22 encrypt a clear key: they make protected keys. */
        f->mode = MODE_PCKMO;
        return (kind == KIND_AES || kind == KIND_PCKMO_DK) && !f->encrypted;
    }
    return false;
}

/* ---- guest memory ---- */

static void guest_read(CPUS390XState *env, uint64_t addr, uint8_t *buf,
                       uint64_t len, uintptr_t ra)
{
    uint64_t i = 0;

    for (; i + 8 <= len; i += 8) {
        stq_be_p(buf + i, cpu_ldq_be_data_ra(env,
                                             wrap_address(env, addr + i), ra));
    }
    for (; i < len; i++) {
        buf[i] = cpu_ldub_data_ra(env, wrap_address(env, addr + i), ra);
    }
}

static void guest_write(CPUS390XState *env, uint64_t addr,
                        const uint8_t *buf, uint64_t len, uintptr_t ra)
{
    uint64_t i = 0;

    for (; i + 8 <= len; i += 8) {
        cpu_stq_be_data_ra(env, wrap_address(env, addr + i),
                           ldq_be_p(buf + i), ra);
    }
    for (; i < len; i++) {
        cpu_stb_data_ra(env, wrap_address(env, addr + i), buf[i], ra);
    }
}

/*
 * Take any access exception for a store before the first byte is stored:
 * re-executing the instruction after the exception must see its inputs
 * unchanged, even when the output overlays the input.
 */
static void guest_probe_write(CPUS390XState *env, uint64_t addr,
                              uint64_t len, uintptr_t ra)
{
    int mmu_idx = cpu_mmu_index(env, false);

    while (len) {
        uint64_t a = wrap_address(env, addr);
        uint64_t chunk = MIN(len, -(a | TARGET_PAGE_MASK));

        probe_write(env, a, chunk, mmu_idx, ra);
        addr += chunk;
        len -= chunk;
    }
}

static void advance_reg(CPUS390XState *env, uint64_t *reg, uint64_t n)
{
    int bits = 64;

    if (!(env->psw.mask & PSW_MASK_64)) {
        bits = (env->psw.mask & PSW_MASK_32) ? 32 : 24;
    }
    *reg = deposit64(*reg, 0, bits, *reg + n);
}

/* ---- AES helpers ---- */

static void xor_block(uint8_t *dst, const uint8_t *a, const uint8_t *b)
{
    int i;

    for (i = 0; i < 16; i++) {
        dst[i] = a[i] ^ b[i];
    }
}

/* Multiply an XTS tweak by alpha in GF(2^128), little-endian (IEEE 1619). */
static void xts_mul_alpha(uint8_t *t)
{
    uint8_t carry = t[15] >> 7;
    int i;

    for (i = 15; i > 0; i--) {
        t[i] = (t[i] << 1) | (t[i - 1] >> 7);
    }
    t[0] = (t[0] << 1) ^ (carry ? 0x87 : 0);
}

/* @a *= @b in GF(2^128), in the XTS (IEEE 1619) little-endian order. */
static void gf128_mul_xts(uint8_t *a, const uint8_t *b)
{
    uint8_t r[16] = { 0 };
    int i;

    for (i = 127; i >= 0; i--) {
        xts_mul_alpha(r);
        if (b[i / 8] & (1 << (i % 8))) {
            xor_block(r, r, a);
        }
    }
    memcpy(a, r, 16);
}

/* @t *= alpha^@e (square and multiply: bounded work for any @e). */
static void xts_mul_alpha_pow(uint8_t *t, uint64_t e)
{
    uint8_t p[16] = { 0x02 }, sq[16];

    for (; e; e >>= 1) {
        if (e & 1) {
            gf128_mul_xts(t, p);
        }
        memcpy(sq, p, 16);
        gf128_mul_xts(p, sq);
    }
}

/*
 * Load the key of @f from the parameter block bytes @pb into @key (both
 * schedules).  For an encrypted-key function, compare the WKVP behind the
 * wrapped key first: false means "not made under the current wrapping key".
 */
static bool load_key(const CpacfFunc *f, const uint8_t *pb, AES_KEY *enc,
                     AES_KEY *dec)
{
    uint8_t clear[32];
    WrapState ws;

    if (f->encrypted) {
        wrap_snapshot(&ws);
        if (memcmp(pb + f->klen, ws.wkvp, WKVP_LEN)) {
            memset(&ws, 0, sizeof(ws));
            return false;
        }
        unwrap_key(&ws, pb, clear, f->klen, 0);
        memset(&ws, 0, sizeof(ws));
    } else {
        memcpy(clear, pb, f->klen);
    }
    AES_set_encrypt_key(clear, f->klen * 8, enc);
    if (dec) {
        AES_set_decrypt_key(clear, f->klen * 8, dec);
    }
    memset(clear, 0, sizeof(clear));
    return true;
}

/* Bytes of the key field: the key, plus the WKVP if it is protected. */
static int key_field_len(const CpacfFunc *f)
{
    return f->klen + (f->encrypted ? WKVP_LEN : 0);
}

static int cpacf_pckmo(CPUS390XState *env, uintptr_t ra, const CpacfFunc *f)
{
    uint8_t pb[64 + WKVP_LEN];
    const int len = f->klen * f->nkeys;
    WrapState ws;
    uint64_t param = env->regs[1];
    int i;

    guest_read(env, param, pb, len, ra);
    guest_probe_write(env, param, len + WKVP_LEN, ra);
    wrap_snapshot(&ws);
    if (f->nkeys == 1) {
        wrap_key(&ws, pb, pb, f->klen, 0);
    }
    for (i = 0; f->nkeys == 2 && i < 2; i++) {
        wrap_key(&ws, pb + i * f->klen, pb + i * f->klen, f->klen, i + 1);
    }
    memcpy(pb + len, ws.wkvp, WKVP_LEN);
    memset(&ws, 0, sizeof(ws));
    guest_write(env, param, pb, len + WKVP_LEN, ra);
    memset(pb, 0, sizeof(pb));
    return 0;
}

/*
 * What the machine's PCKMO makes of @nkeys clear AES keys of @klen bytes
 * each (1: an AES key; 2: an XTS double key), for other parts of this
 * machine that hand out protected keys (the emulated ultravisor's Retrieve
 * Secret).  @out gets the wrapped key(s) and the WKVP.
 */
int cpacf_wrap_protkey(const uint8_t *clear, int klen, int nkeys,
                       uint8_t *out, size_t out_len)
{
    const int len = klen * nkeys;
    WrapState ws;
    int i;

    if ((klen != 16 && klen != 24 && klen != 32) || nkeys < 1 ||
        nkeys > 2 || (nkeys == 2 && klen == 24) ||
        out_len < (size_t)len + WKVP_LEN) {
        return -1;
    }
    wrap_snapshot(&ws);
    for (i = 0; i < nkeys; i++) {
        wrap_key(&ws, clear + i * klen, out + i * klen, klen,
                 nkeys == 1 ? 0 : i + 1);
    }
    memcpy(out + len, ws.wkvp, WKVP_LEN);
    memset(&ws, 0, sizeof(ws));
    return len + WKVP_LEN;
}

static int cpacf_pcc_xts(CPUS390XState *env, uintptr_t ra, const CpacfFunc *f)
{
    /* key field, then tweak, block sequence number j, bit field, XTS param */
    uint8_t pb[32 + WKVP_LEN + 64];
    const int kf = key_field_len(f);
    uint8_t *tweak = pb + kf, *xts = pb + kf + 48;
    uint64_t param = env->regs[1];
    AES_KEY enc;
    int i;

    guest_read(env, param, pb, kf + 48, ra);
    for (i = 16; i < 48; i++) {
        if (tweak[i]) {
            /* j != 0 is not implemented (Linux always passes 0). */
            memset(pb, 0, sizeof(pb));
            tcg_s390_program_interrupt(env, PGM_SPECIFICATION, ra);
        }
    }
    if (!load_key(f, pb, &enc, NULL)) {
        memset(pb, 0, sizeof(pb));
        return 1;
    }
    AES_encrypt(tweak, xts, &enc);
    guest_write(env, param + kf + 48, xts, 16, ra);
    memset(&enc, 0, sizeof(enc));
    memset(pb, 0, sizeof(pb));
    return 0;
}

/* Second-operand length of KM/KMC/KMCTR: a multiple of 16 bytes. */
static uint64_t cipher_len(CPUS390XState *env, uint32_t r2, uintptr_t ra)
{
    uint64_t len = env->regs[r2 + 1];

    if (!(env->psw.mask & PSW_MASK_64)) {
        len = (uint32_t)len;
    }
    if (!QEMU_IS_ALIGNED(len, 16)) {
        tcg_s390_program_interrupt(env, PGM_SPECIFICATION, ra);
    }
    return len;
}

/* @n bytes processed: advance the operand registers (R3: KMCTR only). */
static void cipher_advance(CPUS390XState *env, uint32_t r1, uint32_t r2,
                           uint32_t r3, uint64_t n)
{
    advance_reg(env, &env->regs[r1], n);
    advance_reg(env, &env->regs[r2], n);
    if (r3) {
        advance_reg(env, &env->regs[r3], n);
    }
    env->regs[r2 + 1] -= n;
}

/*
 * KM Full-XTS (MSA 10): one double key K1 || K2 (the data key first), the
 * tweak (the IV) and the next alpha power NAP, a little-endian number that
 * Linux starts at 1.  What the machine writes back is not published; here
 * the tweak field keeps the IV and NAP counts the blocks done plus one, so
 * that a re-issue continues with XTS parameter AES_K2(IV) * alpha^(NAP-1).
 * The WKVP of the encrypted codes comes after the tweak and NAP.
 */
static int cpacf_full_xts(CPUS390XState *env, uintptr_t ra, uint32_t r1,
                          uint32_t r2, const CpacfFunc *f, bool decrypt)
{
    const int d = 2 * f->klen, bits = f->klen * 8;
    uint8_t pb[64 + 32 + WKVP_LEN], keys[64], t[16];
    uint8_t *tweak = pb + d, *nap = pb + d + 16;
    uint64_t len = cipher_len(env, r2, ra), n, i, next;
    g_autofree uint8_t *in = NULL;
    AES_KEY k1e, k1d, k2;
    WrapState ws;

    guest_read(env, env->regs[1], pb, d + 32 + (f->encrypted ? WKVP_LEN : 0),
               ra);
    next = ldq_le_p(nap);
    if (!next || ldq_le_p(nap + 8)) {
        memset(pb, 0, sizeof(pb));
        tcg_s390_program_interrupt(env, PGM_SPECIFICATION, ra);
    }
    if (f->encrypted) {
        wrap_snapshot(&ws);
        if (memcmp(pb + d + 32, ws.wkvp, WKVP_LEN)) {
            memset(&ws, 0, sizeof(ws));
            memset(pb, 0, sizeof(pb));
            return 1;           /* WKVP mismatch: nothing processed */
        }
        unwrap_key(&ws, pb, keys, f->klen, 1);
        unwrap_key(&ws, pb + f->klen, keys + f->klen, f->klen, 2);
        memset(&ws, 0, sizeof(ws));
    } else {
        memcpy(keys, pb, d);
    }
    AES_set_encrypt_key(keys, bits, &k1e);
    AES_set_decrypt_key(keys, bits, &k1d);
    AES_set_encrypt_key(keys + f->klen, bits, &k2);
    AES_encrypt(tweak, t, &k2);
    xts_mul_alpha_pow(t, next - 1);

    n = MIN(len, CPACF_MAX_BYTES);
    in = g_malloc(n ? n : 1);
    guest_read(env, env->regs[r2], in, n, ra);
    guest_probe_write(env, env->regs[r1], n, ra);
    guest_probe_write(env, env->regs[1] + d + 16, 16, ra);
    for (i = 0; i < n; i += 16) {
        uint8_t *b = in + i;

        xor_block(b, b, t);
        if (decrypt) {
            AES_decrypt(b, b, &k1d);
        } else {
            AES_encrypt(b, b, &k1e);
        }
        xor_block(b, b, t);
        xts_mul_alpha(t);
    }
    guest_write(env, env->regs[r1], in, n, ra);
    stq_le_p(nap, next + n / 16);
    guest_write(env, env->regs[1] + d + 16, nap, 16, ra);
    cipher_advance(env, r1, r2, 0, n);

    memset(keys, 0, sizeof(keys));
    memset(t, 0, sizeof(t));
    memset(&k1e, 0, sizeof(k1e));
    memset(&k1d, 0, sizeof(k1d));
    memset(&k2, 0, sizeof(k2));
    memset(pb, 0, sizeof(pb));
    return n == len ? 0 : 3;
}

/* KM (ECB, XTS), KMC and KMCTR. */
static int cpacf_cipher(CPUS390XState *env, uintptr_t ra, uint32_t r1,
                        uint32_t r2, uint32_t r3, const CpacfFunc *f,
                        bool decrypt)
{
    uint8_t pb[16 + 32 + WKVP_LEN + 16];
    const int kf = key_field_len(f);
    uint8_t *key, *chain = NULL;
    int chain_off = 0, pb_len = kf;
    uint64_t len = cipher_len(env, r2, ra), n, i;
    g_autofree uint8_t *in = NULL, *ctr = NULL;
    AES_KEY enc, dec;

    switch (f->mode) {
    case MODE_CBC:              /* chaining value, then the key field */
        chain_off = 0;
        pb_len = 16 + kf;
        break;
    case MODE_XTS:              /* key field, then the XTS parameter */
        chain_off = kf;
        pb_len = kf + 16;
        break;
    default:
        break;
    }
    guest_read(env, env->regs[1], pb, pb_len, ra);
    key = pb + (f->mode == MODE_CBC ? 16 : 0);
    if (f->mode == MODE_CBC || f->mode == MODE_XTS) {
        chain = pb + chain_off;
    }
    if (!load_key(f, key, &enc, decrypt && f->mode != MODE_CTR ? &dec : NULL)) {
        memset(pb, 0, sizeof(pb));
        return 1;               /* WKVP mismatch: nothing processed */
    }

    n = MIN(len, CPACF_MAX_BYTES);
    in = g_malloc(n ? n : 1);
    guest_read(env, env->regs[r2], in, n, ra);
    if (f->mode == MODE_CTR) {
        ctr = g_malloc(n ? n : 1);
        guest_read(env, env->regs[r3], ctr, n, ra);
    }
    guest_probe_write(env, env->regs[r1], n, ra);
    if (chain) {
        guest_probe_write(env, env->regs[1] + chain_off, 16, ra);
    }

    for (i = 0; i < n; i += 16) {
        uint8_t *b = in + i, t[16];

        switch (f->mode) {
        case MODE_ECB:
            if (decrypt) {
                AES_decrypt(b, b, &dec);
            } else {
                AES_encrypt(b, b, &enc);
            }
            break;
        case MODE_CBC:
            if (decrypt) {
                memcpy(t, b, 16);
                AES_decrypt(b, b, &dec);
                xor_block(b, b, chain);
                memcpy(chain, t, 16);
            } else {
                xor_block(b, b, chain);
                AES_encrypt(b, b, &enc);
                memcpy(chain, b, 16);
            }
            break;
        case MODE_CTR:
            AES_encrypt(ctr + i, t, &enc);
            xor_block(b, b, t);
            break;
        case MODE_XTS:
            xor_block(b, b, chain);
            if (decrypt) {
                AES_decrypt(b, b, &dec);
            } else {
                AES_encrypt(b, b, &enc);
            }
            xor_block(b, b, chain);
            xts_mul_alpha(chain);
            break;
        default:
            g_assert_not_reached();
        }
    }

    guest_write(env, env->regs[r1], in, n, ra);
    if (chain) {
        guest_write(env, env->regs[1] + chain_off, chain, 16, ra);
    }
    cipher_advance(env, r1, r2, f->mode == MODE_CTR ? r3 : 0, n);

    memset(&enc, 0, sizeof(enc));
    memset(&dec, 0, sizeof(dec));
    memset(pb, 0, sizeof(pb));
    return n == len ? 0 : 3;
}

int cpacf_aes(CPUS390XState *env, uintptr_t ra, uint32_t r1, uint32_t r2,
              uint32_t r3, uint32_t type, uint8_t fc, uint8_t mod)
{
    CpacfFunc f;

    if (!cpacf_func(type, fc, &f)) {
        return -1;
    }
    switch (f.mode) {
    case MODE_PCKMO:
        return cpacf_pckmo(env, ra, &f);
    case MODE_PCC_XTS:
        return cpacf_pcc_xts(env, ra, &f);
    case MODE_FULL_XTS:
        return cpacf_full_xts(env, ra, r1, r2, &f, mod);
    default:
        /* KMCTR has no modifier bit: it always enciphers the counters. */
        return cpacf_cipher(env, ra, r1, r2, r3, &f,
                            mod && f.mode != MODE_CTR);
    }
}
