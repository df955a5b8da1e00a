"""Words about output folders and batch runs (namespace ``output``): who owns a folder,
the lock, failures of the disk or of a worker, and the folder's index page.
"""
from __future__ import annotations

OUTPUT: dict[str, dict[str, str]] = {
    # Refusals (exit 2): the folder is named before the message.
    "is_file": {
        "vi": "là tệp, cần thư mục",
        "en": "is a file; give a folder",
    },
    "under_file": {
        "vi": "{blocker} là tệp, không phải thư mục",
        "en": "{blocker} is a file, not a folder",
    },
    "not_owned": {
        "vi": "thư mục đã có tệp không do pilotlib tạo ({examples}); pilotlib chỉ ghi vào thư mục trống, "
              "thư mục mới hoặc thư mục kết quả của chính nó, không động đến tệp nào ở đây — chọn --out khác",
        "en": "the folder holds files pilotlib did not create ({examples}); pilotlib writes only into an empty "
              "folder, a new one or one of its own output folders, and has touched nothing here — "
              "choose another --out",
    },
    "legacy": {
        "vi": "có vẻ là thư mục kết quả của phiên bản pilotlib cũ (chưa có dấu {marker}): xoá hoặc chuyển nó đi",
        "en": "it looks like an output folder of an earlier pilotlib (without the {marker} mark): "
              "delete or move it",
    },
    "copy_not_empty": {
        "vi": "thư mục cho bản số liệu đã kiểm tra phải mới hoặc trống, đang có: {examples}; không xoá tệp nào",
        "en": "the folder for the checked copy must be new or empty, it holds: {examples}; nothing was deleted",
    },
    "locked": {
        "vi": "một lần chạy pilotlib khác đang ghi vào thư mục này ({holder}); đợi nó xong rồi chạy lại, "
              "hoặc chọn --out khác",
        "en": "another pilotlib run is writing into this folder ({holder}); wait until it finishes and run "
              "again, or choose another --out",
    },
    "holder": {
        "vi": "tiến trình {pid} trên máy {host}, từ {since}",
        "en": "process {pid} on {host}, since {since}",
    },
    "holder_unknown": {
        "vi": "chưa rõ tiến trình nào",
        "en": "holder unknown",
    },
    "waiting": {
        "vi": "đang chờ lần chạy khác ghi xong (tối đa {seconds} giây)",
        "en": "waiting up to {seconds} s for another run to finish",
    },
    # What happened to a file or a run.
    "cannot_read": {
        "vi": "không đọc được: {reason}",
        "en": "cannot read: {reason}",
    },
    "cannot_write": {
        "vi": "không ghi được: {reason}",
        "en": "cannot write: {reason}",
    },
    "no_space": {
        "vi": "hết chỗ trống trên đĩa",
        "en": "no space left on device",
    },
    "notebook_unreadable": {
        "vi": "notebook đã chạy không đọc lại được ({reason})",
        "en": "the executed notebook cannot be read back ({reason})",
    },
    "worker_died": {
        "vi": "tiến trình chạy báo cáo này bị dừng đột ngột hai lần (có thể do hết bộ nhớ); "
              "các báo cáo khác không bị ảnh hưởng",
        "en": "the worker process running this report died twice (out of memory?); "
              "the other reports are not affected",
    },
    # The folder's index page (every set in the folder).
    "sets_heading": {
        "vi": "{count} bộ báo cáo trong thư mục này, mới nhất trước",
        "en": "{count} report set(s) in this folder, newest first",
    },
    "no_sets": {
        "vi": "Chưa có bộ báo cáo nào.",
        "en": "No report set yet.",
    },
    "data_source": {
        "vi": "Số liệu",
        "en": "Data",
    },
    "bundled": {
        "vi": "số liệu kèm theo",
        "en": "bundled data",
    },
    "languages": {
        "vi": "Ngôn ngữ",
        "en": "Languages",
    },
    "units": {
        "vi": "Đơn vị",
        "en": "Units",
    },
    "all_units": {
        "vi": "tất cả",
        "en": "all",
    },
    "created": {
        "vi": "Tạo lúc (giờ Việt Nam)",
        "en": "Made (Viet Nam time)",
    },
    "set_page": {
        "vi": "trang riêng của bộ này",
        "en": "this set's own page",
    },
    "illustrative_mark": {
        "vi": "MINH HỌA",
        "en": "ILLUSTRATIVE",
    },
    "newer_exists": {
        "vi": "đã có bộ mới hơn từ cùng nguồn số liệu",
        "en": "a newer set from the same data source exists",
    },
}
