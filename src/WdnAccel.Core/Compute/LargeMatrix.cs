using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace WdnAccel.Core.Compute;

/// <summary>
/// Allocation of the n × n matrices of `paths` (tens to hundreds of MB): uninitialized (every entry is written before
/// it is read), and on Linux backed by transparent huge pages where the kernel allows them ("madvise" mode, the
/// default of Debian and most distributions): the first touch of a 2 MiB page costs one fault instead of 512, and the
/// Floyd–Warshall kernel's row walks miss the TLB far less (madvise(2), MADV_HUGEPAGE).
/// </summary>
public static partial class LargeMatrix
{
    /// <summary>Below this the advice is not worth a system call (and no 2 MiB page fits inside).</summary>
    private const long MinimumBytes = 8L << 20;
    private const long HugePage = 2L << 20;
    private const int MadvHugePage = 14; // MADV_HUGEPAGE, linux/mman.h

    /// <summary>A new array of <paramref name="length"/> entries whose contents are undefined until written.</summary>
    public static T[] Allocate<T>(long length) where T : unmanaged
    {
        var array = GC.AllocateUninitializedArray<T>(checked((int)length));
        Advise(array);
        return array;
    }

    private static unsafe void Advise<T>(T[] array) where T : unmanaged
    {
        long bytes = (long)array.Length * Unsafe.SizeOf<T>();
        if (!OperatingSystem.IsLinux() || bytes < MinimumBytes) return;
        // The whole 2 MiB pages inside the array; the array lives in the large-object heap, which is not compacted,
        // and the advice is only a hint, so a later move would cost nothing but the benefit.
        long start = (long)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(array));
        long first = (start + HugePage - 1) & ~(HugePage - 1);
        long end = (start + bytes) & ~(HugePage - 1);
        if (end <= first) return;
        try
        {
            _ = Madvise((nint)first, (nuint)(end - first), MadvHugePage); // EINVAL where THP is off: nothing lost
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // A libc without madvise: plain pages.
        }
    }

    [LibraryImport("libc", EntryPoint = "madvise")]
    private static partial int Madvise(nint address, nuint length, int advice);
}
