"""Every person in a video, each with a number that stays theirs through crossings.

Each person is tracked as the single-person tracker tracks one body (the landmark model on
an ROI that follows the body, the same filters), so one person alone is tracked exactly as
before. On top of that:

* The detector also runs now and then while people are tracked, to find newcomers: every
  ``DETECT_ALONE`` frames while one person is in view (about 1 % more work), every
  ``DETECT_GROUP`` frames while several are, and at once when someone is lost; never while
  ``max_people`` are tracked (live: the learners), as nobody more could be taken on.
* Two ROIs that settle on the same body (the landmark model follows the person in front
  when two cross) are told apart: the one whose look and path fit that body keeps it; the
  other person is *hidden*, and is looked for again where their motion says they went.
* A detection nobody covers is matched to the hidden or lost people by a minimum-cost
  assignment of position (where they were heading, the gate widening the longer they are
  gone) and look (``identity.look``); otherwise it is a new person, up to ``max_people``.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

import cv2
import numpy as np

from dancelike.vision.body import BodyFrame, Roi
from dancelike.vision.detector import Detection, Region, tiles
from dancelike.vision.frames import Image
from dancelike.vision.identity import assign, look, look_distance
from dancelike.vision.landmark_names import HIPS, NUM_LANDMARKS, SHOULDERS, mirrored
from dancelike.vision.landmarks import INPUT_SIZE, PRESENCE_THRESHOLD, LandmarkModel, LandmarkResult
from dancelike.vision.tracker import Follow, PoseTracker, detection_roi, run_landmarks, too_small

#: At most this many people are followed in one video.
MAX_PEOPLE = 6
#: Frames between detector runs while one person is tracked, and while several are.
DETECT_ALONE = 60
DETECT_GROUP = 10
#: While nobody is tracked, the whole picture and every tile are searched this often (frames).
SCAN_EVERY = 15
#: Frames between detector runs while someone is hidden or lost.
DETECT_SEARCHING = 3
#: A person not seen for this many frames is forgotten (a new detection gets a new number).
FORGET_FRAMES = 300
#: Assignment gate: position cost (in body heights) plus twice the look distance.
GATE = 2.0
_LOOK_WEIGHT = 2.0
#: A body further than this (in body heights) from where the person was heading is someone else
#: (the ROI slipped onto a neighbour): the person is looked for again.
MAX_JUMP = 0.3
#: A person's look is updated every this many frames they are seen alone (it changes slowly).
LOOK_EVERY = 5
#: While locked, a detection whose look is further than this from a lost person's is not them.
LOCKED_LOOK = 0.45
#: Person-mask probability above which a pixel is someone's.
MASK_THRESHOLD = 0.5
#: Two bodies closer than this (mean torso-point distance, in torso lengths) are one body.
SAME_BODY = 0.35

_HIPS = HIPS
_SHOULDERS = SHOULDERS
_TORSO = (*SHOULDERS, *HIPS)
#: The torso's points of someone facing the other way (left and right swapped).
_TORSO_SWAPPED = tuple(mirrored(landmark) for landmark in _TORSO)


@dataclass(frozen=True)
class TrackedBody:
    """One person in one frame: their number (from 1, in order of first appearance) and body."""

    person: int
    body: BodyFrame


class Person:
    """What is known of one person: their ROI and filters, where they are heading, their look."""

    def __init__(self, number: int) -> None:
        self.number = number
        self.follow = Follow()
        self.centre = np.zeros(2)
        self.velocity = np.zeros(2)
        self.height = 0.0
        self.look: np.ndarray | None = None
        self.last_seen = -1
        self.frames_seen = 0
        self.mask: np.ndarray | None = None  # the last person mask, in the ROI it was found in
        self.mask_roi: Roi | None = None

    @property
    def tracked(self) -> bool:
        return self.follow.roi is not None

    def predicted_centre(self, frame: int) -> np.ndarray:
        """Where the hips should be now, moving on as last seen (for at most a second)."""
        gone = min(30, max(0, frame - self.last_seen))
        return self.centre + self.velocity * gone

    def seen(self, frame: int, landmarks: np.ndarray, image: Image, crowded: bool) -> None:
        """Update position, speed, size and (when nobody overlaps) look from this frame's body."""
        hips = landmarks[list(_HIPS), :2].mean(axis=0)
        shoulders = landmarks[list(_SHOULDERS), :2].mean(axis=0)
        if self.last_seen >= 0 and frame - self.last_seen <= 2:
            step = (hips - self.centre) / max(1, frame - self.last_seen)
            self.velocity = 0.7 * self.velocity + 0.3 * step
        else:
            self.velocity = np.zeros(2)
        self.centre = hips
        points = landmarks[:, :2]
        self.height = max(float(np.ptp(points[:, 1])), float(np.linalg.norm(shoulders - hips)) * 3.0, 1.0)
        if not crowded and (self.look is None or self.frames_seen % LOOK_EVERY == 0):
            current = look(image, hips, shoulders)
            if current is not None:
                self.look = current if self.look is None else 0.7 * self.look + 0.3 * current
        self.last_seen = frame
        self.frames_seen += 1


def torso_distance(a: np.ndarray, b: np.ndarray) -> float:
    """Mean distance between two bodies' shoulders and hips, in torso lengths; a body read
    facing the other way (left and right swapped) is still the same body."""
    length = _torso_length(a)
    mine = a[list(_TORSO), :2]
    straight = np.linalg.norm(mine - b[list(_TORSO), :2], axis=1).mean()
    swapped = np.linalg.norm(mine - b[list(_TORSO_SWAPPED), :2], axis=1).mean()
    return float(min(straight, swapped)) / length


def _extent(detection: Detection) -> float:
    """A detected body's size: twice the hips-to-extent-point distance (pixels)."""
    return 2.0 * float(np.linalg.norm(detection.keypoints[1] - detection.keypoints[0]))


def same_body(a: np.ndarray, b: np.ndarray) -> bool:
    """Whether two readings are one body: the same torso, or hips on the same spot (a second
    reading of someone's legs as a whole body puts its hips on theirs)."""
    if torso_distance(a, b) < SAME_BODY:
        return True
    torso = max(_torso_length(a), _torso_length(b))
    hips_apart = float(np.linalg.norm(a[list(_HIPS), :2].mean(0) - b[list(_HIPS), :2].mean(0)))
    return hips_apart < SAME_BODY * torso


def _torso_length(points: np.ndarray) -> float:
    return max(1.0, float(np.linalg.norm(points[list(_SHOULDERS), :2].mean(0) - points[list(_HIPS), :2].mean(0))))


def _beyond_neighbours(roi: Roi, detection: Detection, detections: list[Detection]) -> np.ndarray | None:
    """ROI pixels whose image column is nearer another detection's hips than ``detection``'s."""
    others = [d.keypoints[0][0] for d in detections if d is not detection]
    if not others:
        return None
    side = INPUT_SIZE
    matrix = roi.roi_to_image(side)
    u = np.arange(side, dtype=np.float64) + 0.5
    columns = matrix[0, 0] * u[None, :] + matrix[0, 1] * u[:, None] + matrix[0, 2]  # image x of each ROI pixel
    own = np.abs(columns - detection.keypoints[0][0])
    nearest_other = np.min([np.abs(columns - x) for x in others], axis=0)
    hide = nearest_other < own
    return hide if hide.any() else None


def _warp_mask(mask: np.ndarray, source: Roi, target: Roi) -> np.ndarray:
    """A person mask found in ROI ``source`` as it falls in ROI ``target`` (same side)."""
    side = mask.shape[0]
    to_image = np.vstack([source.roi_to_image(side), [0.0, 0.0, 1.0]])
    to_target = np.vstack([target.image_to_roi(side), [0.0, 0.0, 1.0]])
    matrix = (to_target @ to_image)[:2]
    return cv2.warpAffine(mask, matrix, (side, side), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=0.0)


def _overlaps(a: np.ndarray, b: np.ndarray) -> bool:
    """Whether two bodies' landmark boxes overlap (they may hide each other's look)."""
    a0, a1 = a[:, :2].min(0), a[:, :2].max(0)
    b0, b1 = b[:, :2].min(0), b[:, :2].max(0)
    return bool(np.all(a0 < b1) and np.all(b0 < a1))


class LandmarkHelper:
    """A second thread with a landmark model of its own (one interpreter per thread, made there)."""

    def __init__(self, num_threads: int) -> None:
        self._num_threads = num_threads
        self._pool = ThreadPoolExecutor(1, thread_name_prefix="landmarks-helper")
        self._model: LandmarkModel | None = None

    def submit(self, image: Image, roi: Roi, hide: np.ndarray | None) -> Future[tuple[LandmarkResult, float, float]]:
        return self._pool.submit(self._run, image, roi, hide)

    def _run(self, image: Image, roi: Roi, hide: np.ndarray | None) -> tuple[LandmarkResult, float, float]:
        if self._model is None:
            self._model = LandmarkModel(self._num_threads)
        return run_landmarks(self._model, image, roi, hide)

    def close(self) -> None:
        self._pool.shutdown(wait=True)


class PeopleTracker(PoseTracker):
    """Tracks up to ``max_people`` people through a video; one instance per thread and video."""

    def __init__(self, num_threads: int = 1, with_parts: bool = True, max_people: int = MAX_PEOPLE, parallel: bool = False, spread: bool = False) -> None:
        """``parallel``: run two people's landmark models at once, in a helper thread with its
        own interpreter (live, where one frame's people must be done within the frame time).
        ``spread``: at most one detector run a frame (live: a frame's time is bounded); while
        nobody is tracked the whole picture is searched every other frame and the tiles in
        turn between, instead of the whole picture and every tile in one frame now and then."""
        super().__init__(num_threads=num_threads, with_parts=with_parts)
        self.max_people = max_people
        self.spread = spread
        self._helper = LandmarkHelper(num_threads) if parallel else None
        self._forget()

    def reset(self) -> None:
        """Forget everyone (numbers start again from 1) and unlock."""
        super().reset()
        self._forget()

    def _forget(self) -> None:
        self.people: list[Person] = []
        self._frame = -1
        self._last_detection = -(10**9)  # frame of the last detector run, and of the last full scan
        self._last_scan = -(10**9)
        self._numbers = 0  # the last number given
        self._seen_by_detector = 0  # people the detector saw in the whole picture last time
        self._view = -1  # where the detector looked last (0: the whole picture, then the tiles)
        self.locked = False

    def warm(self, roi: Roi) -> None:
        """Load the helper thread's model and run it once on blank input (before real frames)."""
        if self._helper is not None:
            blank = np.zeros((INPUT_SIZE, INPUT_SIZE, 3), np.uint8)
            self._helper.submit(blank, roi, None).result()

    def close(self) -> None:
        """Stop the helper thread (if any)."""
        if self._helper is not None:
            self._helper.close()

    def lock(self) -> None:
        """Follow only the people known now: nobody new is taken on, and someone lost is taken
        back only by a detection that fits where they were and how they look (the learner at
        the camera: a passer-by never takes over). Unknown people are not forgotten while locked."""
        self.locked = True

    def process_all(self, image: Image, t: float = 0.0) -> list[TrackedBody]:
        """Everyone found in one frame, each with their number."""
        self._frame += 1
        height, width = image.shape[:2]
        if too_small(width, height):
            return []
        if not self.locked:
            self.people = [p for p in self.people if p.tracked or self._frame - p.last_seen < FORGET_FRAMES]
        results: dict[int, LandmarkResult] = {}
        for index, result in self._follow_tracked(image):
            person = self.people[index]
            if self._acceptable(result, width, height) and self._fit_cost(person, result.points) < MAX_JUMP:
                results[index] = result
            else:
                person.follow.reset()
        self._settle_shared_bodies(image, results)
        if self._detection_due(results):
            self._place_detections(image, results)
        return self._finish(image, results, t, width, height)

    # --- the steps -------------------------------------------------------------------

    def _follow_tracked(self, image: Image) -> list[tuple[int, LandmarkResult]]:
        """The landmark model on every tracked person's ROI. With a helper thread, every other
        person is run there at the same time (the others are then hidden as they were in the
        previous frame); alone, in turn (each sees the people before them as found now)."""
        tracked = [index for index, person in enumerate(self.people) if person.tracked]
        if self._helper is None or len(tracked) < 2:
            found: dict[int, LandmarkResult] = {}
            for index in tracked:
                roi = self.people[index].follow.roi
                assert roi is not None
                found[index] = self._run_landmarks(image, roi, self._others(index, roi, found))
            return list(found.items())
        jobs = []
        for index in tracked:
            roi = self.people[index].follow.roi
            assert roi is not None
            jobs.append((index, roi, self._others(index, roi, {})))
        away = [(index, self._helper.submit(image, roi, hide)) for index, roi, hide in jobs[1::2]]
        here = [(index, self._run_landmarks(image, roi, hide)) for index, roi, hide in jobs[0::2]]
        for _, future in away:
            result, prepare, infer = future.result()
            self.times.add("preprocess", prepare)
            self.times.add("landmarks", infer)
        return here + [(index, future.result()[0]) for index, future in away]

    def _settle_shared_bodies(self, image: Image, results: dict[int, LandmarkResult]) -> None:
        """When two people's results are one body, it goes to the person it fits; the other hides."""
        indices = sorted(results)
        for i in indices:
            for j in indices:
                if j <= i or i not in results or j not in results:
                    continue
                if same_body(results[i].points, results[j].points):
                    # the body goes to whoever it looks like and fits where they were heading
                    points = results[i].points
                    seen = look(image, points[list(_HIPS), :2].mean(0), points[list(_SHOULDERS), :2].mean(0))
                    loser = max((i, j), key=lambda k: self._claim_cost(self.people[k], results[k].points, seen))
                    self.people[loser].follow.reset()
                    del results[loser]

    def _claim_cost(self, person: Person, points: np.ndarray, seen: np.ndarray | None) -> tuple[float, int]:
        """How badly a contested body fits ``person`` (then: the one followed longer wins)."""
        return (self._fit_cost(person, points) + _LOOK_WEIGHT * look_distance(person.look, seen), -person.frames_seen)

    @staticmethod
    def _acceptable(result: LandmarkResult, width: int, height: int) -> bool:
        """A body, and in the picture: hips outside it are someone who left (the model, fed the
        picture's edge pixels, may go on seeing a body there)."""
        hips = result.points[list(_HIPS), :2].mean(axis=0)
        inside = 0 <= hips[0] < width and 0 <= hips[1] < height
        return result.presence >= PRESENCE_THRESHOLD and bool(inside)

    def _others(self, index: int, roi: Roi, results: dict[int, LandmarkResult]) -> np.ndarray | None:
        """Where, in ``roi``, the other tracked people are (and person ``index`` was not)."""
        others = None
        for k, other in enumerate(self.people):
            if k == index:
                continue
            if k in results:
                mask, where = results[k].mask, results[k].roi
            elif other.tracked and other.mask is not None and other.mask_roi is not None:
                mask, where = other.mask, other.mask_roi
            else:
                continue
            warped = _warp_mask(mask, where, roi)
            others = warped if others is None else np.maximum(others, warped)
        if others is None:
            return None
        hide = others > MASK_THRESHOLD
        if 0 <= index < len(self.people):
            own = self.people[index]
            if own.mask is not None and own.mask_roi is not None:
                hide &= _warp_mask(own.mask, own.mask_roi, roi) < MASK_THRESHOLD
        return hide

    def _fit_cost(self, person: Person, points: np.ndarray) -> float:
        """How badly a body fits where the person was heading (in body heights)."""
        hips = points[list(_HIPS), :2].mean(axis=0)
        return float(np.linalg.norm(hips - person.predicted_centre(self._frame))) / max(person.height, 1.0)

    def _lost_now(self) -> bool:
        return any(not p.tracked and p.last_seen == self._frame - 1 for p in self.people)

    def _detection_due(self, results: dict[int, LandmarkResult]) -> bool:
        searching = any(not p.tracked for p in self.people) or not results
        crowd = max(len(results), self._seen_by_detector)
        interval = DETECT_SEARCHING if searching else DETECT_GROUP if crowd > 1 else DETECT_ALONE
        if not results:
            interval = 1  # nobody tracked: look every frame, as the single-person tracker does
        if not searching and len(results) >= self.max_people:
            return False  # everyone who can be followed is: a newcomer could not be taken on
        return self._frame - self._last_detection >= interval or self._lost_now()

    def _place_detections(self, image: Image, results: dict[int, LandmarkResult]) -> None:
        """Give detections nobody covers to hidden or lost people, or to newcomers."""
        self._last_detection = self._frame
        height = image.shape[0]
        tracked = [r.points for r in results.values()]
        if not results and not self.spread and self._frame - self._last_scan >= SCAN_EVERY:
            detections = self._scan(image)  # nobody in view: the whole picture and every tile
        else:
            # someone just lost is looked for in the whole picture at once, like the single tracker
            view = None if self._lost_now() else self._next_view(image)
            detections = self._detect(image, view)
            if view is None:
                self._seen_by_detector = len(detections)
        fresh = [d for d in detections if not self._covered(d, tracked)]
        if not fresh:
            return
        fresh.sort(key=lambda d: -d.area)  # the largest first: they are the dancers
        waiting = [k for k, p in enumerate(self.people) if not p.tracked]
        cost = np.full((len(waiting), len(fresh)), np.inf)
        for row, k in enumerate(waiting):
            person = self.people[k]
            gone_seconds = (self._frame - person.last_seen) / 30.0
            for col, detection in enumerate(fresh):
                hips = detection.keypoints[0]
                body_height = max(person.height, 0.1 * height)
                distance = float(np.linalg.norm(hips - person.predicted_centre(self._frame))) / body_height
                position = distance / (1.0 + 2.0 * gone_seconds)
                unlike = look_distance(person.look, look(image, hips, detection.keypoints[2]))
                strange = self.locked and unlike > LOCKED_LOOK  # a learner is taken back only by their look
                cost[row, col] = np.inf if strange else position + _LOOK_WEIGHT * unlike
        taken = set()
        for row, col in assign(cost, GATE):
            if self._start(image, self.people[waiting[row]], fresh[col], results, waiting[row], detections):
                taken.add(col)
        for col, detection in enumerate(fresh):
            if col in taken or self.locked or len(self.people) >= self.max_people:
                continue
            self._numbers += 1
            self.people.append(Person(self._numbers))
            if not self._start(image, self.people[-1], detection, results, len(self.people) - 1, detections):
                self.people.pop()
                self._numbers -= 1

    def _scan(self, image: Image) -> list[Detection]:
        """Detections in the whole picture and in every tile, each person once."""
        self._last_scan = self._frame
        found = self._detect(image)
        self._seen_by_detector = len(found)
        for region in tiles(image.shape[1], image.shape[0]):
            for detection in self._detect(image, region):
                if not any(np.linalg.norm(detection.keypoints[0] - d.keypoints[0]) < 0.25 * _extent(d) for d in found):
                    found.append(detection)
        return found

    def _next_view(self, image: Image) -> Region | None:
        """Where the detector looks this time: the whole picture, then each tile in turn (spread:
        the whole picture between tiles, where a learner at the camera is found)."""
        parts = tiles(image.shape[1], image.shape[0])
        views: list[Region | None] = [view for tile in parts for view in (None, tile)] if self.spread and parts else [None, *parts]
        self._view = (self._view + 1) % len(views)
        return views[self._view]

    @staticmethod
    def _covered(detection: Detection, tracked: list[np.ndarray]) -> bool:
        """Whether a detection is someone already tracked this frame (hips near theirs)."""
        hips = detection.keypoints[0]
        for points in tracked:
            their_hips = points[list(_HIPS), :2].mean(axis=0)
            torso = max(1.0, float(np.linalg.norm(points[list(_SHOULDERS), :2].mean(0) - their_hips)))
            if float(np.linalg.norm(hips - their_hips)) < 0.5 * torso:
                return True
        return False

    def _start(self, image: Image, person: Person, detection: Detection, results: dict[int, LandmarkResult], index: int, detections: list[Detection]) -> bool:
        """Run the landmark model on a detection for ``person``; False if it is nobody new.

        The crop of a dancer in a row of dancers holds her neighbours too, and a first reading
        may span two of them; so the first reading sees only the pixels nearer (left to right)
        to her hips than to any other detected person's."""
        roi = detection_roi(detection)
        result = self._run_landmarks(image, roi, _beyond_neighbours(roi, detection, detections))
        if not self._acceptable(result, image.shape[1], image.shape[0]):
            return False
        if any(same_body(result.points, other.points) for other in results.values()):
            return False
        person.follow.reset()
        results[index] = result
        return True

    def _finish(self, image: Image, results: dict[int, LandmarkResult], t: float, width: int, height: int) -> list[TrackedBody]:
        found = []
        points = {k: r.points[:NUM_LANDMARKS] for k, r in results.items()}
        for index, result in sorted(results.items()):
            person = self.people[index]
            body = self._body_frame(result, person.follow, t, width, height)
            assert body.landmarks is not None
            crowded = any(_overlaps(points[index], other) for k, other in points.items() if k != index)
            person.seen(self._frame, body.landmarks, image, crowded)
            person.mask, person.mask_roi = result.mask, result.roi
            found.append(TrackedBody(person.number, body))
        found.sort(key=lambda tracked: tracked.person)
        return found
