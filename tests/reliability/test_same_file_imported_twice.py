"""Round two of the attack, a lesser case: the same file imported twice made two dances and two
copies. Now the second import hands back the first dance (the same bytes, whatever the file is
called), copies nothing and analyses nothing; a different video is a new dance as before."""

from __future__ import annotations

import shutil
from pathlib import Path

from dancelike.services.library import import_video
from dancelike.store.db import Store
from dancelike.synth.performance import Scene, render_performance


def _folders(store: Store) -> list[str]:
    return sorted(p.name for p in (store.root / "choreographies").iterdir())


def test_the_same_file_twice_is_one_dance(own_data_home: Path, tmp_path: Path) -> None:
    dance = tmp_path / "dance.mp4"
    render_performance(dance, "groove", scene=Scene(width=320, height=240), duration=1.5, start=2.0, music=False)
    renamed = tmp_path / "copy of dance.mp4"
    shutil.copyfile(dance, renamed)
    other = tmp_path / "other.mp4"
    render_performance(other, "groove", scene=Scene(width=320, height=240), duration=1.5, start=3.0, music=False)
    with Store() as store:
        first = import_video(store, dance)
        progress: list[float] = []
        again = import_video(store, dance, on_progress=progress.append)
        assert again.id == first.id and progress[-1] == 1.0
        assert import_video(store, renamed).id == first.id  # the same bytes under another name
        assert len(store.choreographies()) == 1 and len(_folders(store)) == 1  # one copy
        assert import_video(store, other).id != first.id  # another video is another dance
        assert len(store.choreographies()) == 2
