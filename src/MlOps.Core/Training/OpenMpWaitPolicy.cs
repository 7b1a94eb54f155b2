using System.Runtime.InteropServices;

namespace MlOps.Core.Training;

/// <summary>
/// Makes LightGBM's OpenMP worker threads sleep rather than spin between parallel regions. ML.NET feeds LightGBM
/// from a .NET thread in batches; spinning workers take the cores that thread needs, and on a small or shared
/// machine (two cores, other work running) a fit took four to five times longer (measured: 46-57 s against 10-12 s
/// for 800,000 rows). libgomp reads OMP_WAIT_POLICY once, when it is loaded, from the native environment, which
/// .NET's Environment.SetEnvironmentVariable does not change on Unix; hence setenv, before LightGBM's first use.
/// A value the host set (OMP_WAIT_POLICY=ACTIVE for a dedicated machine) is left alone.
/// Also when LightGBM is fed by nothing but its own threads (the native path's boosting), a bounded spin instead
/// (libgomp's GOMP_SPINCOUNT of 1,000 or 10,000 with no policy set) was measured no faster on two shared cores, and
/// 10,000 made boosting two to four times slower whenever other work held the cores: sleeping stays the default.
/// </summary>
internal static class OpenMpWaitPolicy
{
    private static readonly Lazy<bool> Applied = new(Apply);

    public static void EnsurePassive() => _ = Applied.Value;

    private static bool Apply()
    {
        if (!(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS()) || Environment.GetEnvironmentVariable("OMP_WAIT_POLICY") is not null)
        {
            return false;
        }

        return NativeMethods.SetEnvironmentVariable("OMP_WAIT_POLICY", "PASSIVE", overwrite: 0) == 0;
    }

    private static class NativeMethods
    {
        [DllImport("libc", EntryPoint = "setenv", CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int SetEnvironmentVariable(string name, string value, int overwrite);
    }
}
