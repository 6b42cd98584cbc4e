#!/usr/bin/env python3
"""Rebuild the mixed int8 BlazePose landmark model from MediaPipe's pose_landmark_full.tflite.

What it makes: the encoder's 16x16 and 8x8 stages (ops 29-70 of the float graph: 42 ops, the
wide 384-864-channel blocks) run in int8 (static: int8 weights per channel, int8 activations
calibrated on real tracker crops); everything else stays float with the original fp16 weights
(the high-resolution stem, the decoder to the heatmap and the segmentation, and the regression
trunk that produces the landmark coordinates: int8 there moves landmarks by ~13 ROI px and fails
the golden bars). Input and outputs stay float32, same names, shapes and order as the original.

Steps (all in this file):
  1. check the source model's SHA-256 (mediapipe 0.10.14 wheel);
  2. add a SignatureDef ("serving_default"; MediaPipe files have none, ai-edge-quantizer needs one)
     and expand the fp16 weights (DEQUANTIZE(fp16 const)) to fp32 constants: exact, the signed
     float model gives bit-identical outputs to the original;
  3. calibration crops: the landmark model's inputs exactly as the project's PoseTracker (video
     mode) feeds them, on synthetic dancers rendered by dancelike.synth (the two scenes of
     `dancelike bench` plus two more looks/rooms; no golden data is used) and on any --calib-video;
  4. ai-edge-quantizer: fp16 weight casting for every op, static int8 (a8w8) for ops 29-70;
  5. QUANTIZE in front / DEQUANTIZE behind the int8 interface the quantizer leaves, so the model
     takes and returns float32 like the original;
  6. check the result loads, prints its SHA-256.

Run from the checkout (a developer's tool, not needed to use DanceLike; about 30 s). It needs
ai-edge-quantizer beside the project's own dependencies, best in a venv of its own:

    python3 -m venv /tmp/q && /tmp/q/bin/pip install ai-edge-quantizer ai-edge-litert==2.3.0 opencv-python-headless av platformdirs
    /tmp/q/bin/python scripts/make_int8_landmarks.py --out models/pose_landmark_full_int8mix.tflite

The result is deterministic (the same SHA-256 every run, the one in models/README.md) as long
as the synthetic dancers (dancelike.synth) draw what they draw today.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
import tempfile
from pathlib import Path

import flatbuffers
import numpy as np
from ai_edge_litert import schema_py_generated as s

ORIGINAL_SHA256 = "e9a5c5cb17f736fafd4c2ec1da3b3d331d6edbe8a0d32395855aeb2cdfd64b9f"
INT8_OPS = "29-70"


# --- flatbuffer edits ------------------------------------------------------------------------


def load_model(raw: bytes) -> s.ModelT:
    """Parse a .tflite; buffers stored after the flatbuffer (offset/size) are read back inline."""
    model = s.ModelT.InitFromPackedBuf(raw, 0)
    for buf in model.buffers:
        if buf.offset and buf.offset > 1:
            buf.data = np.frombuffer(raw[buf.offset : buf.offset + buf.size], np.uint8)
            buf.offset, buf.size = 0, 0
    return model


def pack_model(model: s.ModelT) -> bytes:
    builder = flatbuffers.Builder(1 << 20)
    builder.Finish(model.Pack(builder), file_identifier=b"TFL3")
    return bytes(builder.Output())


def _opcode(model: s.ModelT, op: s.OperatorT) -> int:
    code = model.operatorCodes[op.opcodeIndex]
    return max(code.builtinCode, code.deprecatedBuiltinCode)


def add_signature(model: s.ModelT, key: str = "serving_default") -> None:
    """One SignatureDef for subgraph 0: every input and output, named after its tensor."""
    sg = model.subgraphs[0]

    def tmap(idx: int) -> s.TensorMapT:
        tm = s.TensorMapT()
        tm.name, tm.tensorIndex = sg.tensors[idx].name, int(idx)
        return tm

    sig = s.SignatureDefT()
    sig.signatureKey, sig.subgraphIndex = key.encode(), 0
    sig.inputs = [tmap(i) for i in sg.inputs]
    sig.outputs = [tmap(i) for i in sg.outputs]
    model.signatureDefs = [sig]


def fp16_weights_to_fp32(model: s.ModelT) -> None:
    """Replace every DEQUANTIZE(fp16 constant) by an fp32 constant (fp16 -> fp32 is exact)."""
    sg = model.subgraphs[0]
    keep = []
    for op in sg.operators:
        if _opcode(model, op) == s.BuiltinOperator.DEQUANTIZE:
            src = sg.tensors[op.inputs[0]]
            data = model.buffers[src.buffer].data if src.buffer else None
            if src.type == s.TensorType.FLOAT16 and data is not None and len(data):
                values = np.frombuffer(bytes(bytearray(data)), np.float16).astype(np.float32)
                buf = s.BufferT()
                buf.data = np.frombuffer(values.tobytes(), np.uint8)
                model.buffers.append(buf)
                sg.tensors[op.outputs[0]].buffer = len(model.buffers) - 1
                model.buffers[src.buffer].data = None
                continue
        keep.append(op)
    sg.operators = keep
    # drop tensors no op uses any more, renumbering the rest
    used = {int(i) for i in sg.inputs} | {int(i) for i in sg.outputs}
    for op in sg.operators:
        used |= {int(i) for i in op.inputs if i >= 0} | {int(i) for i in op.outputs if i >= 0}
    order = sorted(used)
    remap = {old: new for new, old in enumerate(order)}
    sg.tensors = [sg.tensors[i] for i in order]

    def fix(seq):
        return [remap[int(i)] if i >= 0 else -1 for i in seq]

    sg.inputs, sg.outputs = fix(sg.inputs), fix(sg.outputs)
    for op in sg.operators:
        op.inputs, op.outputs = fix(op.inputs), fix(op.outputs)
    for sig in model.signatureDefs or []:
        for tm in list(sig.inputs) + list(sig.outputs):
            tm.tensorIndex = remap[tm.tensorIndex]


def tag_ops(model: s.ModelT) -> None:
    """Prefix each op's (non-output) result tensors with 'L<index>|' so a recipe regex picks ops by position."""
    sg = model.subgraphs[0]
    outputs = {int(i) for i in sg.outputs}
    for k, op in enumerate(sg.operators):
        for i in op.outputs:
            if int(i) not in outputs:
                sg.tensors[i].name = f"L{k:03d}|".encode() + sg.tensors[i].name


def untag(model: s.ModelT) -> None:
    for sg in model.subgraphs:
        for t in sg.tensors:
            if t.name and t.name[:1] == b"L" and t.name[4:5] == b"|":
                t.name = t.name[5:]


def _op_index(model: s.ModelT, builtin: int) -> int:
    for k, code in enumerate(model.operatorCodes):
        if max(code.builtinCode, code.deprecatedBuiltinCode) == builtin:
            return k
    code = s.OperatorCodeT()
    code.builtinCode, code.deprecatedBuiltinCode, code.version = builtin, min(builtin, 127), 1
    model.operatorCodes.append(code)
    return len(model.operatorCodes) - 1


def float_interface(model: s.ModelT) -> None:
    """int8 inputs/outputs -> float32: QUANTIZE in front, DEQUANTIZE behind (float tensors keep the names)."""
    sg = model.subgraphs[0]
    q_op = _op_index(model, s.BuiltinOperator.QUANTIZE)
    dq_op = _op_index(model, s.BuiltinOperator.DEQUANTIZE)

    def float_twin(idx: int) -> int:
        old = sg.tensors[idx]
        new = s.TensorT()
        new.shape, new.shapeSignature, new.type, new.name = old.shape, old.shapeSignature, s.TensorType.FLOAT32, old.name
        model.buffers.append(s.BufferT())
        new.buffer = len(model.buffers) - 1
        old.name = old.name + b"_int8"
        sg.tensors.append(new)
        return len(sg.tensors) - 1

    remap, front, back = {}, [], []
    for idx in list(sg.inputs):
        if sg.tensors[idx].type == s.TensorType.INT8:
            f = float_twin(idx)
            op = s.OperatorT()
            op.opcodeIndex, op.inputs, op.outputs = q_op, [f], [int(idx)]
            front.append(op)
            remap[int(idx)] = f
    for idx in list(sg.outputs):
        if sg.tensors[idx].type == s.TensorType.INT8:
            f = float_twin(idx)
            op = s.OperatorT()
            op.opcodeIndex, op.inputs, op.outputs = dq_op, [int(idx)], [f]
            back.append(op)
            remap[int(idx)] = f
    sg.operators = front + list(sg.operators) + back
    sg.inputs = [remap.get(int(i), int(i)) for i in sg.inputs]
    sg.outputs = [remap.get(int(i), int(i)) for i in sg.outputs]
    for sig in model.signatureDefs or []:
        for tm in list(sig.inputs) + list(sig.outputs):
            tm.tensorIndex = remap.get(tm.tensorIndex, tm.tensorIndex)


# --- calibration data: what the project's tracker feeds the landmark model -----------------


def calibration_crops(project: Path, videos: list[str], every: int) -> np.ndarray:
    sys.path.insert(0, str(project))
    import dancelike.vision.model_files as model_files

    model_files.models_dir = lambda: project / "models"  # the checkout's models (hash-checked), no install needed
    from dancelike.vision import landmarks as lm
    from dancelike.vision.tracker import PoseTracker

    grabbed: list[np.ndarray] = []
    original = lm.LandmarkModel.preprocess

    def grab(self, image, roi):
        tensor = original(self, image, roi)
        grabbed.append(tensor.copy())
        return tensor

    lm.LandmarkModel.preprocess = grab
    crops: list[np.ndarray] = []

    def track(frames) -> None:
        tracker = PoseTracker(with_parts=False)
        for k, (t, image) in enumerate(frames):
            grabbed.clear()
            tracker.process(image, t)
            if k % every == 0 and grabbed:
                crops.append(grabbed[-1][0])

    try:
        from dancelike.synth.choreography import Choreography
        from dancelike.synth.motion import Dancer
        from dancelike.synth.performance import Scene, render_frames

        moves = ("arm_wave", "hip_sway", "arms_up", "side_step", "disco_point", "arm_wave", "hip_sway", "arms_up") * 2
        dance = Choreography("bench", 112.0, moves)  # the `dancelike bench` choreography
        scenes = [
            (Dancer(), Scene()),
            (Dancer(offset=0.15, sloppiness=0.15, seed=1), Scene(person=2, room=1, x=0.42)),
            (Dancer(offset=0.3, sloppiness=0.3, seed=2), Scene(person=1, room=2, x=0.55, size=0.55)),
            (Dancer(tempo=1.1, seed=3), Scene(person=3, room=3, x=0.48, size=0.8)),
        ]
        for dancer, scene in scenes:
            frames = render_frames(dance, dancer, scene, 10.0)
            track(((k / scene.fps, rgb) for k, (rgb, _) in enumerate(frames)))
        from dancelike.media.video import VideoReader

        for path in videos:
            with VideoReader(path, planar=True) as reader:
                track((f.t, f.image) for f in reader)
    finally:
        lm.LandmarkModel.preprocess = original
    return np.stack(crops).astype(np.float32)


# --- main ------------------------------------------------------------------------------------


def parse_ops(spec: str) -> list[int]:
    ops: set[int] = set()
    for part in spec.split(","):
        a, _, b = part.partition("-")
        ops |= set(range(int(a), int(b or a) + 1))
    return sorted(ops)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    checkout = Path(__file__).resolve().parent.parent
    ap.add_argument("--src", default=str(checkout / "models" / "pose_landmark_full.tflite"))
    ap.add_argument("--out", default=str(checkout / "models" / "pose_landmark_full_int8mix.tflite"))
    ap.add_argument("--project", default=str(checkout), help="DanceLike checkout (read only)")
    ap.add_argument("--ops", default=INT8_OPS, help="float-graph op indices to run in int8 (default %(default)s)")
    ap.add_argument("--calib-video", action="append", default=[], help="extra real video(s) for calibration")
    ap.add_argument("--every", type=int, default=5, help="keep every Nth tracked frame for calibration")
    args = ap.parse_args()

    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    from ai_edge_litert.interpreter import Interpreter
    from ai_edge_quantizer import algorithm_manager, qtyping, quantizer, recipe_manager

    raw = Path(args.src).read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    if digest != ORIGINAL_SHA256:
        print(f"{args.src}: SHA-256 {digest} is not mediapipe 0.10.14's pose_landmark_full", file=sys.stderr)
        return 1

    model = load_model(raw)
    add_signature(model)
    fp16_weights_to_fp32(model)
    tag_ops(model)

    crops = calibration_crops(Path(args.project), args.calib_video, args.every)
    print(f"calibration: {len(crops)} tracker crops", flush=True)

    rm = recipe_manager.RecipeManager()
    rm.add_weight_only_config(  # float ops: keep the original fp16 weights (lossless round trip)
        regex=".*",
        operation_name=qtyping.TFLOperationName.ALL_SUPPORTED,
        num_bits=16,
        algorithm_key=algorithm_manager.AlgorithmName.FLOAT_CASTING,
    )
    regex = r"^L(" + "|".join(f"{k:03d}" for k in parse_ops(args.ops)) + r")\|"
    rm.add_static_config(regex=regex, operation_name=qtyping.TFLOperationName.ALL_SUPPORTED, activation_num_bits=8, weight_num_bits=8)
    with tempfile.TemporaryDirectory() as tmp:
        float_path = Path(tmp) / "float_signed.tflite"
        float_path.write_bytes(pack_model(model))
        qt = quantizer.Quantizer(str(float_path), rm.get_quantization_recipe())
        calib = qt.calibrate({"serving_default": [{"input_1": x[None]} for x in crops]}, num_threads=1)
        result = qt.quantize(calib, enable_progress_report=False)
        quant_path = Path(tmp) / "quantized.tflite"
        result.export_model(str(quant_path), overwrite=True)
        qmodel = load_model(quant_path.read_bytes())
    float_interface(qmodel)
    untag(qmodel)
    out = pack_model(qmodel)
    Path(args.out).write_bytes(out)

    # check: float32 in/out, same names, shapes and order as the original; outputs close to it
    def interp(path: str) -> Interpreter:
        it = Interpreter(model_path=path, num_threads=1, experimental_default_delegate_latest_features=True)
        it.allocate_tensors()
        return it

    ref, new = interp(args.src), interp(args.out)
    describe = lambda it: [(d["name"], tuple(d["shape"]), d["dtype"]) for d in it.get_input_details() + it.get_output_details()]  # noqa: E731
    assert describe(ref) == describe(new), (describe(ref), describe(new))
    worst = 0.0
    for x in crops[:: max(1, len(crops) // 20)]:
        outs = []
        for it in (ref, new):
            it.set_tensor(it.get_input_details()[0]["index"], x[None])
            it.invoke()
            outs.append(it.get_tensor(it.get_output_details()[0]["index"]).reshape(39, 5)[:, :2])
        worst = max(worst, float(np.abs(outs[0] - outs[1]).max()))
    print(f"interface as the original; raw landmark x/y differ from the original by <= {worst:.2f} ROI px on calibration crops")
    print(f"wrote {args.out}: {len(out)} bytes, SHA-256 {hashlib.sha256(out).hexdigest()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
