/* chmd-extract CHM OUTDIR: lists and extracts every file of a CHM with
 * libmspack's CHM decompressor (chmd), as the msox-chm tests compare with.
 * Prints one line per file: "<index>\t<status>\t<name>", status "ok" or
 * the libmspack error number; the file's bytes go to OUTDIR/<index>.
 * Exit 1 when the CHM does not open (the error number on stderr).
 * Written for the msox tests; links against the system's libmspack. */
#include <stdio.h>
#include <mspack.h>

int main(int argc, char **argv) {
    struct mschm_decompressor *chmd;
    struct mschmd_header *chm;
    struct mschmd_file *f;
    char path[4096];
    int i = 0;
    if (argc != 3) { fprintf(stderr, "usage: chmd-extract CHM OUTDIR\n"); return 2; }
    if (!(chmd = mspack_create_chm_decompressor(NULL))) return 2;
    if (!(chm = chmd->open(chmd, argv[1]))) {
        fprintf(stderr, "open failed: %d\n", chmd->last_error(chmd));
        mspack_destroy_chm_decompressor(chmd);
        return 1;
    }
    for (f = chm->files; f; f = f->next, i++) {
        int err;
        snprintf(path, sizeof path, "%s/%d", argv[2], i);
        err = chmd->extract(chmd, f, path);
        if (err) printf("%d\t%d\t%s\n", i, err, f->filename);
        else printf("%d\tok\t%s\n", i, f->filename);
    }
    chmd->close(chmd, chm);
    mspack_destroy_chm_decompressor(chmd);
    return 0;
}
