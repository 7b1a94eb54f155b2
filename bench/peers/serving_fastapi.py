"""Peer for the serving benchmark: the Python serving stack MLflow-style model servers use.

Usage: /usr/bin/python3 serving_fastapi.py TRAIN_CSV LABEL POSITIVE_CLASS PORT
Debian's python3-fastapi, python3-uvicorn and python3-sklearn. Trains scikit-learn's HistGradientBoostingClassifier
(100 iterations) on TRAIN_CSV, then serves POST /api/models/bc/predict on 127.0.0.1:PORT with one uvicorn worker:
the body is our predict route's (an array of row objects, or an object with a "rows" array), the answer the same
shape as ours (model, version, requestId, one label/score/probability per row). Runs until it is stopped; the
benchmark stops it by its process id. Nothing is logged per request (uvicorn's access log is off), as MLflow's
server does not record predictions.
"""
import os
import sys
import uuid

# One row per call: OpenMP's worker threads would only spin beside the event loop (and, on a shared machine, stall
# it), so scoring runs on the request's thread. Set before scikit-learn loads libgomp.
os.environ.setdefault("OMP_NUM_THREADS", "1")

import numpy as np
import pandas as pd
import uvicorn
from fastapi import FastAPI, HTTPException, Request
from sklearn.ensemble import HistGradientBoostingClassifier


def build(train_path, label, positive):
    frame = pd.read_csv(train_path)
    features = [c for c in frame.columns if c != label]
    y = (frame[label].astype(str) == positive).to_numpy()
    model = HistGradientBoostingClassifier(max_iter=100, random_state=0).fit(frame[features].to_numpy(dtype=float), y)
    negative = next(str(v) for v in frame[label].unique() if str(v) != positive)
    app = FastAPI()

    @app.post("/api/models/bc/predict")
    async def predict(request: Request):
        body = await request.json()
        rows = body["rows"] if isinstance(body, dict) and "rows" in body else body
        if not isinstance(rows, list) or not rows:
            raise HTTPException(status_code=400, detail="Expected a JSON array of rows.")
        try:
            x = np.array([[float(row[f]) for f in features] for row in rows])
        except (KeyError, TypeError, ValueError) as error:
            raise HTTPException(status_code=400, detail=f"Bad row: {error}") from error
        probabilities = model.predict_proba(x)[:, 1]
        return {
            "model": "bc",
            "version": 1,
            "requestId": uuid.uuid4().hex,
            "predictions": [
                {"label": positive if p >= 0.5 else negative, "score": float(np.log(p / (1 - p)) if 0 < p < 1 else 0.0), "probability": float(p)}
                for p in probabilities
            ],
        }

    return app


def main():
    train_path, label, positive, port = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    app = build(train_path, label, positive)
    uvicorn.run(app, host="127.0.0.1", port=port, workers=1, log_level="warning", access_log=False)


if __name__ == "__main__":
    main()
