/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * s390x Ultravisor Call (UVC, 0xB9A4) for TCG guests, and the device that
 * provisions the machine's ultravisor:
 *
 *   -cpu max                       (facility 158, "uv-call"; -cpu max,uv-call=off
 *                                   hides it)
 *   -device s390-uv-emu,host-keys=K1[:K2...],se-header=FILE
 *           [,config-uid=32 HEX DIGITS][,store-size=N][,image-comps=FILE]
 *
 * THIS IS A TEST EMULATION OF THE ARCHITECTURE, NOT A SECURITY BOUNDARY.
 * The host keys, the customer keys of the SE header and every secret live
 * in QEMU's memory, and the guest is not protected in any way: it is an
 * ordinary guest that can issue the guest UVCs of a Secure Execution
 * guest, so that CI can run the code that does.
 *
 * The semantics (Query, Retrieve Attestation Measurement, Add Secret,
 * List Secrets, Lock Secret Store, Retrieve Secret) live in uvemu_*.c
 * (emulator/uv of the secex repository), shared with their host tests.
 * This file translates the guest's logical addresses (through the home
 * ASCE when DAT is on, real addresses otherwise), hands key secrets to the
 * machine's CPACF wrapping (cpacf_aes.c), so that Retrieve Secret returns
 * the protected keys this machine's PCKMO would make, and empties the
 * secret store on every machine reset (a reboot of a Secure Execution
 * guest starts a new configuration).
 *
 * The files are the ones "secex-uv provision" takes: raw 66-byte P-521
 * host keys and the SE header (or an image that starts with it).  With
 * image-comps (the image's component table, "secex-owner hdr make
 * --comp-table"), the machine does the unpack check of IBM Z on what it
 * boots (-kernel, -append, -initrd) and does not start if they are not
 * the image the header was made for.
 */

#include "qemu/osdep.h"
#include "qemu/thread.h"
#include "qemu/guest-random.h"
#include "qapi/error.h"
#include "hw/boards.h"
#include "hw/qdev-core.h"
#include "hw/qdev-properties.h"
#include "cpu.h"
#include "s390x-internal.h"
#include "tcg_s390x.h"
#include "exec/helper-proto.h"
#include "exec/exec-all.h"
#include "exec/cpu-common.h"
#include "cpacf.h"
#include "uvemu.h"

#define TYPE_S390_UV_EMU "s390-uv-emu"
OBJECT_DECLARE_SIMPLE_TYPE(S390UvEmu, S390_UV_EMU)

struct S390UvEmu {
    DeviceState parent_obj;
    char *host_keys;
    char *se_header;
    char *config_uid;
    char *image_comps;
    uint32_t store_size;
};

/* SE headers are at most 8 KiB (Documentation/swuv.rst). */
#define UVC_MAX_HEADER  8192

static QemuMutex uvc_lock;
static struct uvemu *uvc_uv;    /* the machine's ultravisor */
static bool uvc_provisioned;

/* Guest memory at logical address @addr, page by page. */
static int uvc_mem(CPUS390XState *env, uint64_t addr, void *buf, size_t len,
                   bool store)
{
    uint8_t *p = buf;

    while (len) {
        size_t n = MIN(len, TARGET_PAGE_SIZE - (addr & ~TARGET_PAGE_MASK));
        target_ulong abs;
        uint64_t tec;
        int flags, r;

        r = mmu_translate(env, addr, store ? MMU_DATA_STORE : MMU_DATA_LOAD,
                          PSW_ASC_HOME, &abs, &flags, &tec);
        if (r) {
            return r == PGM_ADDRESSING ? UVEMU_MEM_INVALID : UVEMU_MEM_ACCESS;
        }
        cpu_physical_memory_rw(abs | (addr & ~TARGET_PAGE_MASK), p, n, store);
        addr += n;
        p += n;
        len -= n;
    }
    return 0;
}

static int uvc_read(void *opaque, uint64_t addr, void *buf, size_t len)
{
    return uvc_mem(opaque, addr, buf, len, false);
}

static int uvc_write(void *opaque, uint64_t addr, const void *buf, size_t len)
{
    return uvc_mem(opaque, addr, (void *)buf, len, true);
}

/* UV secret types whose protected keys this machine's CPACF makes. */
static int uvc_wrap_key(void *opaque, uint16_t type, const uint8_t *clear,
                        size_t len, uint8_t *out, size_t out_len)
{
    switch (type) {
    case 0x0004:                /* AES-128 */
    case 0x0005:                /* AES-192 */
    case 0x0006:                /* AES-256 */
        return cpacf_wrap_protkey(clear, len, 1, out, out_len);
    case 0x0007:                /* AES-XTS-128: K1 || K2, a double key */
    case 0x0008:                /* AES-XTS-256 */
        return cpacf_wrap_protkey(clear, len / 2, 2, out, out_len);
    default:                    /* HMAC, ECC: no such PCKMO here */
        return -1;
    }
}

static int uvc_random(void *opaque, void *buf, size_t len)
{
    qemu_guest_getrandom_nofail(buf, len);
    return 0;
}

/*
 * The machine's ultravisor, made on first use; the memory callbacks get
 * the calling CPU's state through env.opaque, set under uvc_lock.
 */
static struct uvemu_env uvc_env = {
    .read = uvc_read,
    .write = uvc_write,
    .wrap_key = uvc_wrap_key,
    .random = uvc_random,
};

static struct uvemu *uvc_get_locked(void)
{
    if (!uvc_uv) {
        uvc_uv = uvemu_new(&uvc_env);
        if (!uvc_uv) {
            error_report("s390-uv-emu: out of memory");
            abort();
        }
    }
    return uvc_uv;
}

static void uvc_lock_init(void)
{
    static gsize initialized;

    if (g_once_init_enter(&initialized)) {
        qemu_mutex_init(&uvc_lock);
        g_once_init_leave(&initialized, 1);
    }
}

uint32_t HELPER(uvc)(CPUS390XState *env, uint32_t r1, uint32_t r2)
{
    const uintptr_t ra = GETPC();
    uint64_t addr = env->regs[r2];
    int cc;

    uvc_lock_init();
    qemu_mutex_lock(&uvc_lock);
    uvc_env.opaque = env;
    cc = uvemu_call(uvc_get_locked(), addr);
    uvc_env.opaque = NULL;
    qemu_mutex_unlock(&uvc_lock);
    if (cc == UVEMU_MEM_INVALID) {
        tcg_s390_program_interrupt(env, PGM_ADDRESSING, ra);
    } else if (cc < 0) {
        /* The UVCB itself: the access exception of the current mode. */
        if (s390_cpu_virt_mem_rw(env_archcpu(env), addr, 0, NULL, 8, true)) {
            s390_cpu_virt_mem_handle_exc(env_archcpu(env), ra);
        }
        tcg_s390_program_interrupt(env, PGM_ADDRESSING, ra);
    }
    return cc;
}

void s390_uvc_reset(void)
{
    uvc_lock_init();
    qemu_mutex_lock(&uvc_lock);
    if (uvc_uv) {
        uvemu_reset(uvc_uv);
    }
    qemu_mutex_unlock(&uvc_lock);
}

/* ---- provisioning ---- */

static bool uvc_load(const char *what, const char *path, size_t max,
                     gchar **buf, gsize *len, Error **errp)
{
    GError *gerr = NULL;

    if (!g_file_get_contents(path, buf, len, &gerr)) {
        error_setg(errp, "s390-uv-emu: %s %s: %s", what, path, gerr->message);
        g_error_free(gerr);
        return false;
    }
    if (*len > max) {
        /* An image: the SE header is at its start, phs bytes long. */
        *len = max;
    }
    return true;
}

static bool uvc_parse_cuid(const char *hex, uint8_t cuid[16])
{
    int i, hi, lo;

    if (strlen(hex) != 32) {
        return false;
    }
    for (i = 0; i < 16; i++) {
        hi = g_ascii_xdigit_value(hex[2 * i]);
        lo = g_ascii_xdigit_value(hex[2 * i + 1]);
        if (hi < 0 || lo < 0) {
            return false;
        }
        cuid[i] = hi << 4 | lo;
    }
    return true;
}

/*
 * The unpack check (image-comps=FILE): on IBM Z a secure image whose pages
 * are not those its header was made for does not start.  Here the kernel,
 * the command line and the initrd this machine boots take their place.
 */
static bool uvc_check_image(S390UvEmu *s, struct uvemu *uv, Error **errp)
{
    MachineState *ms = MACHINE(qdev_get_machine());
    const char *cmdline = ms->kernel_cmdline ? ms->kernel_cmdline : "";
    gchar *table = NULL, *kernel = NULL, *initrd = NULL;
    gsize tlen, klen, ilen;
    const char *why = "";
    bool ok = false;

    if (!ms->kernel_filename || !ms->initrd_filename) {
        error_setg(errp, "s390-uv-emu: image-comps needs -kernel and -initrd");
        return false;
    }
    if (uvc_load("component table", s->image_comps, 4096, &table, &tlen,
                 errp) &&
        uvc_load("kernel", ms->kernel_filename, G_MAXSIZE, &kernel, &klen,
                 errp) &&
        uvc_load("initrd", ms->initrd_filename, G_MAXSIZE, &initrd, &ilen,
                 errp)) {
        struct uvemu_blob comp[UVEMU_IMG_NCOMP] = {
            { (const uint8_t *)kernel, klen },
            { (const uint8_t *)cmdline, strlen(cmdline) },
            { (const uint8_t *)initrd, ilen },
        };

        if (uvemu_verify_image(uv, (const uint8_t *)table, tlen, comp,
                               &why)) {
            error_setg(errp, "s390-uv-emu: the image does not unpack: %s "
                       "(SE header %s)", why, s->se_header);
        } else {
            ok = true;
        }
    }
    g_free(table);
    g_free(kernel);
    g_free(initrd);
    return ok;
}

static bool uvc_provision_locked(S390UvEmu *s, struct uvemu *uv, Error **errp)
{
    g_auto(GStrv) keys = NULL;
    const char *why = "";
    uint8_t cuid[16];
    gchar *buf = NULL;
    gsize len;
    int i, ret;

    if (!s->host_keys || !*s->host_keys || !s->se_header) {
        error_setg(errp, "s390-uv-emu: host-keys and se-header are required");
        return false;
    }
    keys = g_strsplit(s->host_keys, ":", 0);
    for (i = 0; keys[i]; i++) {
        if (!uvc_load("host key", keys[i], 4096, &buf, &len, errp)) {
            return false;
        }
        ret = uvemu_add_host_key(uv, (uint8_t *)buf, len);
        memset(buf, 0, len);
        g_free(buf);
        if (ret) {
            error_setg(errp, "s390-uv-emu: host key %s: %s (a raw 66-byte "
                       "P-521 scalar, as secex-uv provision takes)", keys[i],
                       strerror(-ret));
            return false;
        }
    }
    if (s->config_uid) {
        if (!uvc_parse_cuid(s->config_uid, cuid)) {
            error_setg(errp, "s390-uv-emu: config-uid must be 32 hex digits");
            return false;
        }
        uvemu_set_config_uid(uv, cuid);
    }
    if (s->store_size && uvemu_set_store_size(uv, s->store_size)) {
        error_setg(errp, "s390-uv-emu: store-size must be 1 to 65535");
        return false;
    }
    if (!uvc_load("SE header", s->se_header, UVC_MAX_HEADER, &buf, &len,
                  errp)) {
        return false;
    }
    ret = uvemu_commit(uv, (uint8_t *)buf, len, &why);
    g_free(buf);
    if (ret) {
        error_setg(errp, "s390-uv-emu: SE header %s refused: %s",
                   s->se_header, why);
        return false;
    }
    return !s->image_comps || uvc_check_image(s, uv, errp);
}

static void s390_uv_emu_realize(DeviceState *dev, Error **errp)
{
    S390UvEmu *s = S390_UV_EMU(dev);
    bool ok;

    uvc_lock_init();
    qemu_mutex_lock(&uvc_lock);
    if (uvc_provisioned) {
        error_setg(errp, "s390-uv-emu: a machine has one ultravisor");
        ok = false;
    } else {
        ok = uvc_provision_locked(s, uvc_get_locked(), errp);
        uvc_provisioned = ok;
        if (!ok) {
            /* Start again from an unprovisioned ultravisor. */
            uvemu_free(uvc_uv);
            uvc_uv = NULL;
        }
    }
    qemu_mutex_unlock(&uvc_lock);
}

static Property s390_uv_emu_props[] = {
    DEFINE_PROP_STRING("host-keys", S390UvEmu, host_keys),
    DEFINE_PROP_STRING("se-header", S390UvEmu, se_header),
    DEFINE_PROP_STRING("config-uid", S390UvEmu, config_uid),
    DEFINE_PROP_STRING("image-comps", S390UvEmu, image_comps),
    DEFINE_PROP_UINT32("store-size", S390UvEmu, store_size, 0),
    DEFINE_PROP_END_OF_LIST(),
};

static void s390_uv_emu_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);

    dc->realize = s390_uv_emu_realize;
    dc->hotpluggable = false;
    device_class_set_props(dc, s390_uv_emu_props);
    dc->desc = "Ultravisor of a Secure Execution test machine (TCG; "
               "not a security boundary)";
    set_bit(DEVICE_CATEGORY_MISC, dc->categories);
}

static const TypeInfo s390_uv_emu_info = {
    .name = TYPE_S390_UV_EMU,
    .parent = TYPE_DEVICE,
    .instance_size = sizeof(S390UvEmu),
    .class_init = s390_uv_emu_class_init,
};

static void s390_uv_emu_register(void)
{
    type_register_static(&s390_uv_emu_info);
}

type_init(s390_uv_emu_register)
