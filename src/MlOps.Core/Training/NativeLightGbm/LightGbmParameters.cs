using System.Globalization;
using MlOps.Core.Specs;

namespace MlOps.Core.Training.NativeLightGbm;

/// <summary>
/// LightGBM's parameter string for a candidate: the values ML.NET's LightGbm trainer passes for the same options
/// (TrainerCatalog's LightGbmOptions), so that both paths train the same kind of model; only the rows LightGBM samples
/// to place its bin boundaries differ (ML.NET samples them itself, here LightGBM does).
/// </summary>
internal static class LightGbmParameters
{
    public static string For(TrainerSettings s, LightGbmMatrix matrix)
    {
        double subsample = s.Double("subsampleFraction");
        var parameters = new List<(string Name, object Value)>
        {
            ("objective", s.Task == ModelTask.Binary ? "binary" : "regression"),
            ("boosting_type", "gbdt"),
            ("learning_rate", s.Double("learningRate")),
            ("num_leaves", s.Int("numberOfLeaves")),
            ("min_data_per_leaf", s.Int("minimumExampleCountPerLeaf")),
            ("max_bin", s.Int("maximumBinCountPerFeature")),
            ("min_split_gain", 0),
            ("max_depth", s.Int("maximumTreeDepth")),
            ("min_child_weight", s.Double("minimumChildWeight")),
            ("subsample", subsample),
            ("subsample_freq", subsample < 1 ? 1 : 0), // LightGBM only bags when a frequency is set
            ("feature_fraction", s.Double("featureFraction")),
            ("reg_alpha", s.Double("l1Regularization")),
            ("reg_lambda", s.Double("l2Regularization")),
            ("use_missing", "true"),
            ("zero_as_missing", "false"),
            ("min_data_per_group", 100),
            ("max_cat_threshold", 32),
            ("cat_smooth", 10),
            ("cat_l2", 10),
            ("nthread", s.Int("numberOfThreads")),
            ("seed", s.Seed),
            ("deterministic", "true"),
            // Without it LightGBM builds the histograms both ways before the first round and keeps the faster: 0.3 to
            // 0.5 s of a 16 s fit on 800,000 rows, and a choice the machine's load can flip, which LightGBM asks to pin
            // in deterministic mode. Column-wise is its recommendation for few threads, as a candidate's share of the
            // machine is, and what it chose itself on the training benchmark (the same trees either way there).
            ("force_col_wise", "true"),
            ("verbose", -1),
        };
        if (s.Task == ModelTask.Binary)
        {
            // ML.NET's binary trainer calibrates with slope -sigmoid; the import reads it back from the model text.
            parameters.Add(("sigmoid", 0.5));
        }

        int[] categorical = [.. matrix.CategoricalColumns];
        if (categorical.Length > 0)
        {
            parameters.Add(("categorical_feature", string.Join(',', categorical)));
        }

        return string.Join(' ', parameters.Select(p => p.Name + "=" + Convert.ToString(p.Value, CultureInfo.InvariantCulture)));
    }
}
