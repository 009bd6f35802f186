using Build.Benchmarks;

namespace XenBundle.Tests.Benchmarks;

/// <summary>
/// The bytes read per file from strace's output (-f -qq -y -e trace=read,pread64,readv,preadv,preadv2).
/// The lines are captured from strace 6.1: four cats and a Python reading one file through a
/// symbolic link (strace names the file it points to) while the loader reads libc.
/// </summary>
[Category(TestCategories.Unit)]
public sealed class StraceReadsTests
{
    private const string Iso = "/tmp/st a.iso";

    [Test]
    public void Unfinished_calls_are_counted_when_they_resume_by_the_file_their_start_named()
    {
        string[] lines =
        [
            @"10375 read(3</tmp/st a.iso>, ""\0p\377W\nf\33qS\20\201p\354k\302`I\20\346\34\376\374\215p\215\202\302+\""*\333\235""..., 131072) = 131072",
            @"10377 read(3</etc/locale.alias>,  <unfinished ...>",
            @"10375 read(3</tmp/st a.iso>,  <unfinished ...>",
            @"10377 <... read resumed>""# Locale name alias data base.\n#""..., 4096) = 2996",
            @"10375 <... read resumed>""l<}S7=\1(\233DyU\26\307\357\252\17\326w\311e\352s\362\211\\\333\16B\260I\177""..., 131072) = 131072",
            @"10373 read(3</tmp/st a.iso>,  <unfinished ...>",
            @"10376 read(3</tmp/st a.iso>,  <unfinished ...>",
            @"10374 pread64(3</usr/lib/x86_64-linux-gnu/libc.so.6>,  <unfinished ...>",
            @"10373 <... read resumed>""\330\342\357\356\371\311l\226B\305\305\242cQ\335\275\3015\366\264\342]\365\234\373\200\203/\""\333{\240""..., 131072) = 131072",
            @"10374 <... pread64 resumed>""\6\0\0\0\4\0\0\0@\0\0\0\0\0\0\0@\0\0\0\0\0\0\0@\0\0\0\0\0\0\0""..., 784, 64) = 784",
            @"10376 <... read resumed>"""", 131072) = 0",
            @"10377 pread64(3</tmp/st a.iso>, ""\311l\226B\305\305\242cQ\335\275\3015\366\264\342]\365\234\373\200\203/\""\333{\2403\350\344\330\260""..., 100, 5) = 100",
            @"10377 preadv2(3</tmp/st a.iso>, [{iov_base=""\330\342\357\356\371\311l\226B\305"", iov_len=10}, {iov_base=""\305\242cQ\335\275\3015\366\264\342]\365\234\373\200\203/\""\333"", iov_len=20}], 2, 0, 0) = 30",
            @"10377 readv(3</tmp/st a.iso>, [{iov_base=""\330\342\357\356\371\311l"", iov_len=7}], 1) = 7",
            @"10372 --- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=10373, si_uid=0, si_status=0, si_utime=0, si_stime=0} ---",
        ];

        var bytes = StraceReads.BytesByPath(lines);

        Assert.That(bytes, Is.EquivalentTo(new Dictionary<string, long>
        {
            [Iso] = (3 * 131072) + 100 + 30 + 7,
            ["/etc/locale.alias"] = 2996,
            ["/usr/lib/x86_64-linux-gnu/libc.so.6"] = 784,
        }));
    }

    [Test]
    public void A_resumed_line_goes_to_its_own_process_not_to_the_last_one_that_started()
    {
        // Two processes start on different files; they resume in the other order.
        string[] lines =
        [
            @"200 read(3</media/disc1.iso>,  <unfinished ...>",
            @"201 read(4</media/disc2.iso>,  <unfinished ...>",
            @"201 <... read resumed>""abc""..., 1048576) = 1000",
            @"200 <... read resumed>""def""..., 1048576) = 7",
        ];

        Assert.That(StraceReads.BytesByPath(lines), Is.EquivalentTo(new Dictionary<string, long> { ["/media/disc1.iso"] = 7, ["/media/disc2.iso"] = 1000 }));
    }

    [Test]
    public void Escaped_paths_are_read_back_to_the_files_names()
    {
        // strace 6.1 on cat "/tmp/x<y>/é.iso": '<', '>' and the UTF-8 bytes of é in octal.
        string[] lines = [@"read(3</tmp/x\74y\76/\303\251.iso>, ""\330\342\357\356\371\311l\226B\305\305\242cQ\335\275\3015\366\264\342]\365\234\373\200\203/\""\333{\240""..., 131072) = 131072"];

        Assert.That(StraceReads.BytesByPath(lines), Is.EquivalentTo(new Dictionary<string, long> { ["/tmp/x<y>/é.iso"] = 131072 }));
    }

    [Test]
    public void Failed_and_unknown_results_read_nothing_and_the_data_cannot_pose_as_the_result()
    {
        string[] lines =
        [
            @"300 read(5</m/a.iso>, 0x7ffd4c2a1000, 65536) = -1 EINTR (Interrupted system call)",
            @"300 read(5</m/a.iso>,  <unfinished ...>",
            @"300 <... read resumed> <unfinished ...>) = ?",
            @"301 read(5</m/a.iso>, ""x) = 999999 y""..., 65536) = 12",
            @"[pid   302] pread64(6</m/a.iso>, ""z""..., 4096, 0) = 4096",
            @"303 read(0, ""typed"", 4096) = 5",
            @"303 write(1</m/a.iso>, ""zz"", 2) = 2",
            @"303 read(7<pipe:[4242]>, ""p"", 1) = 1",
            @"304 +++ exited with 0 +++",
        ];

        Assert.That(StraceReads.BytesByPath(lines), Is.EquivalentTo(new Dictionary<string, long> { ["/m/a.iso"] = 12 + 4096, ["pipe:[4242]"] = 1 }));
    }

    [Test]
    public void A_resumed_line_without_its_start_or_of_another_call_is_left_out()
    {
        string[] lines =
        [
            @"400 <... read resumed>""a""..., 4096) = 4096",
            @"401 pread64(3</m/b.iso>,  <unfinished ...>",
            @"401 <... read resumed>""b""..., 4096) = 4096",
            @"402 read(3</m/b.iso>,  <unfinished ...>",
            @"402 <... read resumed>""c""..., 4096) = 10",
            @"402 <... read resumed>""d""..., 4096) = 4096",
        ];

        Assert.That(StraceReads.BytesByPath(lines), Is.EquivalentTo(new Dictionary<string, long> { ["/m/b.iso"] = 10 }));
    }
}
