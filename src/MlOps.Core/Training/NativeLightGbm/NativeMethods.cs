using System.Runtime.InteropServices;

namespace MlOps.Core.Training.NativeLightGbm;

/// <summary>
/// The parts of LightGBM's C API (lib_lightgbm 4.x, shipped by the LightGBM package Microsoft.ML.LightGbm depends on)
/// that training from a row-major matrix needs. Every function returns 0 on success and -1 on failure, with the
/// reason in <see cref="LastError"/>; <see cref="Check"/> turns a failure into an exception naming it.
/// </summary>
internal static class NativeMethods
{
    private const string Library = "lib_lightgbm";

    /// <summary>C_API_DTYPE_FLOAT32: the matrix and field values are 32-bit floats.</summary>
    public const int Float32 = 0;

    /// <summary>C_API_PREDICT_RAW_SCORE: the sum of the trees' outputs, before the objective's link function.</summary>
    public const int PredictRawScore = 1;

    public static void Check(int result, string call)
    {
        if (result != 0)
        {
            throw new InvalidOperationException($"LightGBM {call} failed: {Marshal.PtrToStringUTF8(LastError()) ?? "no message"}");
        }
    }

    [DllImport(Library, EntryPoint = "LGBM_GetLastError")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern IntPtr LastError();

    [DllImport(Library, EntryPoint = "LGBM_DatasetCreateFromMat", CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern int DatasetCreateFromMat(IntPtr data, int dataType, int rows, int columns, int isRowMajor, string parameters, IntPtr reference, out IntPtr dataset);

    [DllImport(Library, EntryPoint = "LGBM_DatasetSetField", CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern int DatasetSetField(IntPtr dataset, string field, float[] values, int count, int type);

    [DllImport(Library, EntryPoint = "LGBM_DatasetFree")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern int DatasetFree(IntPtr dataset);

    [DllImport(Library, EntryPoint = "LGBM_BoosterCreate", CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern int BoosterCreate(IntPtr dataset, string parameters, out IntPtr booster);

    [DllImport(Library, EntryPoint = "LGBM_BoosterLoadModelFromString", CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern int BoosterLoadModelFromString(string model, out int iterations, out IntPtr booster);

    [DllImport(Library, EntryPoint = "LGBM_BoosterUpdateOneIter")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern int BoosterUpdateOneIter(IntPtr booster, out int isFinished);

    [DllImport(Library, EntryPoint = "LGBM_BoosterSaveModelToString")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern int BoosterSaveModelToString(IntPtr booster, int startIteration, int iterations, int featureImportanceType, long bufferLength, out long length, byte[] buffer);

    [DllImport(Library, EntryPoint = "LGBM_BoosterPredictForMat", CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern int BoosterPredictForMat(IntPtr booster, float[] data, int dataType, int rows, int columns, int isRowMajor, int predictType, int startIteration, int iterations, string parameters, out long length, double[] results);

    [DllImport(Library, EntryPoint = "LGBM_BoosterFree")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern int BoosterFree(IntPtr booster);
}
