using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlOps.Core.Serving;

/// <summary>A fitted model's transformers in the order they run, nested chains opened.</summary>
internal static class TransformerSteps
{
    public static List<ITransformer> Flatten(ITransformer model)
    {
        List<ITransformer> steps = [];
        Add(model, steps);
        return steps;
    }

    private static void Add(ITransformer model, List<ITransformer> steps)
    {
        if (model is TransformerChain<ITransformer> chain)
        {
            foreach (ITransformer step in chain)
            {
                Add(step, steps);
            }
        }
        else
        {
            steps.Add(model);
        }
    }
}
