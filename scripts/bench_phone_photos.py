"""Phone photos for `scripts/dev bench`: walness-cli screening a 48-megapixel JPEG stored sideways
(EXIF orientation 6) and a 48-megapixel HEIC, each a dog eye pasted into a larger scene, with the
eye finder (--auto-crop) and the heatmap written. Reports wall time and peak memory (the process's
maximum resident set). The photos are made once and kept in build/bench-photos/."""
import csv
import ctypes
import os
import subprocess
import time

import numpy as np
from PIL import Image

SIZE = (8000, 6000)  # 48 megapixels, as phones with a 48 MP sensor write them
EYE = (4600, 1500, 1900)  # x, y, side of the pasted eye in the upright photo


class HeifError(ctypes.Structure):
    _fields_ = [("code", ctypes.c_int), ("subcode", ctypes.c_int), ("message", ctypes.c_char_p)]


def write_heic(rgb, path, quality=90):
    """Encodes an RGB array as HEIC with libheif (HEVC, x265's fastest preset)."""
    lib = ctypes.CDLL("libheif.so.1")
    for name in ("heif_context_get_encoder_for_format", "heif_encoder_set_lossy_quality",
                 "heif_encoder_set_parameter", "heif_image_create", "heif_image_add_plane",
                 "heif_context_encode_image", "heif_context_write_to_file"):
        getattr(lib, name).restype = HeifError
    lib.heif_context_alloc.restype = ctypes.c_void_p
    lib.heif_image_get_plane.restype = ctypes.POINTER(ctypes.c_uint8)

    def check(error, what):
        if error.code != 0:
            raise RuntimeError("libheif, %s: %s" % (what, error.message.decode()))

    height, width, _ = rgb.shape
    hevc, rgb_colorspace, interleaved_rgb, interleaved_channel = 1, 1, 10, 10
    context = ctypes.c_void_p(lib.heif_context_alloc())
    encoder, image, stride = ctypes.c_void_p(), ctypes.c_void_p(), ctypes.c_int()
    check(lib.heif_context_get_encoder_for_format(context, hevc, ctypes.byref(encoder)), "encoder")
    check(lib.heif_encoder_set_lossy_quality(encoder, quality), "quality")
    check(lib.heif_encoder_set_parameter(encoder, b"preset", b"ultrafast"), "preset")
    check(lib.heif_image_create(width, height, rgb_colorspace, interleaved_rgb,
                                ctypes.byref(image)), "image")
    check(lib.heif_image_add_plane(image, interleaved_channel, width, height, 8), "plane")
    plane = lib.heif_image_get_plane(image, interleaved_channel, ctypes.byref(stride))
    rows = np.ctypeslib.as_array(plane, shape=(height * stride.value,)).reshape(height, -1)
    rows[:, : width * 3] = rgb.reshape(height, width * 3)
    check(lib.heif_context_encode_image(context, image, encoder, None, None), "encode")
    check(lib.heif_context_write_to_file(context, path.encode()), "write")
    lib.heif_encoder_release(encoder)
    lib.heif_image_release(image)
    lib.heif_context_free(context)


def first_val_image(shared, folder, needle=""):
    with open(os.path.join(shared, "data", folder, "labels.csv")) as f:
        for row in csv.DictReader(f):
            if row["split"] == "val" and needle in ",".join(row.values()):
                return os.path.join(shared, "data", folder, row["image"])
    raise SystemExit("no val photo in %s" % folder)


def make_photos(repo, shared):
    folder = os.path.join(repo, "build", "bench-photos")
    jpeg, heic = os.path.join(folder, "eye-48mp-sideways.jpg"), os.path.join(folder, "eye-48mp.heic")
    if os.path.exists(jpeg) and os.path.exists(heic):
        return jpeg, heic
    os.makedirs(folder, exist_ok=True)
    scene = Image.open(first_val_image(shared, "not-eye")).convert("RGB").resize(SIZE, Image.BICUBIC)
    eye = Image.open(first_val_image(shared, "dog-eye", ",crop,")).convert("RGB")
    x, y, side = EYE
    scene.paste(eye.resize((side, side), Image.BICUBIC), (x, y))
    exif = Image.Exif()
    exif[0x0112] = 6  # stored turned left; "turn 90 degrees clockwise" to view
    scene.transpose(Image.Transpose.ROTATE_90).save(jpeg + ".part", "JPEG", quality=92, exif=exif)
    os.replace(jpeg + ".part", jpeg)
    write_heic(np.asarray(scene), heic + ".part")
    os.replace(heic + ".part", heic)
    return jpeg, heic


def screen(binary, photo, cam_out):
    """(seconds, peak resident MB, the JSON line) of one walness-cli run."""
    import tempfile
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        start = time.perf_counter()
        process = subprocess.Popen(
            [binary, "diagnose", "--species", "dog", "--auto-crop", "--json", "--cam-out", cam_out,
             photo], stdout=out, stderr=err)
        # wait4, not wait: the child's own peak memory, not the largest of every child so far.
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if process.returncode != 0:
            raise SystemExit("walness-cli failed on %s: %s" % (photo, err.read()[-2000:]))
        return seconds, usage.ru_maxrss / 1024.0, out.read()


def phone_photo_rows(repo, shared):
    """Prints the phone-photo rows: time and peak memory per photo, and where the eye was found."""
    import json
    jpeg, heic = make_photos(repo, shared)
    binary = os.environ.get("WALNESS_CLI") or os.path.join(repo, "build", "bin", "walness-cli")
    cam_out = os.path.join(repo, "build", "bench-photos", "cam.png")
    x, y, side = EYE
    print("Phone photos, 8000 x 6000 (48 MP), a dog eye %d px across: walness-cli diagnose "
          "--auto-crop --cam-out" % side)
    print("%-34s %8s %9s %s" % ("photo", "s", "peak MB", "square screened (x, y, side)"))
    peaks = []
    for name, photo in (("JPEG, EXIF orientation 6", jpeg), ("HEIC", heic)):
        seconds, peak, line = screen(binary, photo, cam_out)
        result = json.loads(line)
        region = result["eye_region"]
        print("%-34s %8.2f %9.0f %d, %d, %d%s" % (
            name, seconds, peak, region["x"], region["y"], region["width"],
            "" if result.get("abstained") is None else "  (abstained: %s)" % result["abstained"]))
        peaks.append(peak)
    print("pasted eye at %d, %d, %d; peak memory %.0f MB   (target <= 1536 MB)"
          % (x, y, side, max(peaks)))


if __name__ == "__main__":
    # Alone: scripts/dev exec -- python3 scripts/bench_phone_photos.py
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    phone_photo_rows(here, os.environ.get("WALNESS_SHARED_DIR", os.path.join(here, "..", "shared")))
