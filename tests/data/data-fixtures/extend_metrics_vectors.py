"""Adds to ../metrics_vectors.json the threshold metrics this project reports beyond the shared vectors.

Usage: /usr/bin/python3 extend_metrics_vectors.py   (Debian's python3-sklearn, scikit-learn 1.2.1)
For each binary case: balanced_accuracy_score at the 0.5 threshold, and accuracy, balanced accuracy, precision,
recall and F1 at a 0.3 threshold (a row is positive when its score is at least the threshold, as the evaluator and
serving decide). For the multiclass case: accuracy_score and balanced_accuracy_score of the argmax under the names
the evaluator uses. Existing values are left as they are; running it again changes nothing.
"""
import json
import os

import numpy as np
from sklearn.metrics import accuracy_score, balanced_accuracy_score, f1_score, precision_score, recall_score

PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "metrics_vectors.json")


def at(threshold, y_true, y_score):
    y_pred = (np.asarray(y_score) >= threshold).astype(int)
    suffix = "_at_" + str(threshold).replace(".", "_")
    return {
        "accuracy" + suffix: accuracy_score(y_true, y_pred),
        "balanced_accuracy" + suffix: balanced_accuracy_score(y_true, y_pred),
        "precision" + suffix: precision_score(y_true, y_pred, zero_division=0),
        "recall" + suffix: recall_score(y_true, y_pred, zero_division=0),
        "f1" + suffix: f1_score(y_true, y_pred, zero_division=0),
    }


def main():
    with open(PATH) as f:
        vectors = json.load(f)
    for case in vectors["cases"]:
        if case["kind"] == "binary":
            case["balanced_accuracy_at_0_5"] = at(0.5, case["y_true"], case["y_score"])["balanced_accuracy_at_0_5"]
            case.update(at(0.3, case["y_true"], case["y_score"]))
        elif case["kind"] == "multiclass":
            y_pred = np.argmax(np.asarray(case["y_proba"]), axis=1)
            case["accuracy"] = accuracy_score(case["y_true"], y_pred)
            case["balanced_accuracy"] = balanced_accuracy_score(case["y_true"], y_pred)
    vectors["notes"] = (vectors["notes"] + "; balanced_accuracy and the *_at_0_3 values were added by"
                        " tests/data/data-fixtures/extend_metrics_vectors.py") if "extend_metrics" not in vectors["notes"] else vectors["notes"]
    with open(PATH, "w") as f:
        json.dump(vectors, f, indent=1)


if __name__ == "__main__":
    main()
