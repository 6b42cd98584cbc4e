"""The landmark model's input written straight into the interpreter's buffer is the tensor
``preprocess`` makes: the same landmarks and mask, with other people greyed out alike."""

from __future__ import annotations

import numpy as np
import pytest

from dancelike.synth.choreography import choreography
from dancelike.synth.motion import Dancer
from dancelike.synth.performance import Scene, render_frames
from dancelike.vision.body import Roi
from dancelike.vision.landmarks import INPUT_SIZE, LandmarkModel


@pytest.mark.parametrize("hidden", [False, True])
def test_written_input_gives_the_results_of_the_built_tensor(hidden: bool) -> None:
    model = LandmarkModel()
    image, truth = next(render_frames(choreography("groove"), Dancer(), Scene(width=640, height=480), 0.1, start=1.0))
    assert truth is not None
    centre = truth[:, :2].mean(axis=0)
    roi = Roi(float(centre[0]), float(centre[1]), 1.3 * float(np.ptp(truth[:, 1])), 0.0)
    hide = np.zeros((INPUT_SIZE, INPUT_SIZE), bool)
    if hidden:
        hide[:80, :100] = True
    tensor = model.preprocess(image, roi)
    if hidden:
        np.copyto(tensor[0], tensor[0].mean(axis=(0, 1)), where=hide[..., None])
    built = model.postprocess(model.infer(tensor), roi)
    model.write_input(image, roi, hide)
    written = model.postprocess(model.infer_written(), roi)
    assert built.presence > 0.5
    assert np.array_equal(built.points, written.points) and np.array_equal(built.mask, written.mask)
    model.write_input(image, roi)  # again: no view of the buffer was kept, so the model runs
    assert model.postprocess(model.infer_written(), roi).presence > 0.5
