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
    "dask_missing": {
        "vi": "chạy trên cụm máy cần gói dask.distributed: pip install 'pilotlib[dask]'",
        "en": "running on a cluster needs dask.distributed: pip install 'pilotlib[dask]'",
    },
    "scheduler_unreachable": {
        "vi": "không kết nối được bộ điều phối dask ({reason})",
        "en": "cannot reach the dask scheduler ({reason})",
    },
    "workers_died": {
        "vi": "cả {attempts} tiến trình dask được giao chạy báo cáo này đều bị dừng đột ngột (có thể do hết bộ nhớ; "
              "xem nhật ký của máy {last}); các báo cáo khác không bị ảnh hưởng",
        "en": "all {attempts} dask workers given this report died while running it (out of memory? see the log of "
              "{last}); the other reports are not affected",
    },
    "inputs_lost": {
        "vi": "báo cáo này đã gửi {times} lần, lần nào các tiến trình dask giữ notebook và số liệu của nó cũng bị dừng "
              "đột ngột (có thể do hết bộ nhớ; xem nhật ký các máy; dask: {reason}); các báo cáo khác không bị ảnh hưởng",
        "en": "this report was sent {times} times and each time the dask workers holding its notebook and data died "
              "(out of memory? see the workers' logs; dask: {reason}); the other reports are not affected",
    },
    "worker_differs": {
        "vi": "máy chạy báo cáo này có {what} khác máy điều khiển; hãy cài cùng phiên bản pilotlib và các gói",
        "en": "the worker running this report has other {what} than this machine; install the same pilotlib "
              "and packages there",
    },
    # The index of thousands of reports: groups, filters.
    "group_all": {
        "vi": "Báo cáo chung cho mọi đơn vị",
        "en": "Reports on all units",
    },
    "group_unplaced": {
        "vi": "Đơn vị chưa xác định được tỉnh",
        "en": "Units of no known province",
    },
    "group_units": {
        "vi": "Báo cáo theo đơn vị",
        "en": "Unit reports",
    },
    "group_counts": {
        "vi": "{total} báo cáo: {ok} vừa chạy, {skipped} không đổi, {failed} lỗi",
        "en": "{total} reports: {ok} produced, {skipped} unchanged, {failed} failed",
    },
    "filter_text": {
        "vi": "Tìm: đơn vị, tỉnh, báo cáo, lỗi… (không cần dấu)",
        "en": "Search: unit, province, report, error… (accents optional)",
    },
    "filter_status": {
        "vi": "Mọi trạng thái",
        "en": "Every status",
    },
    "filter_lang": {
        "vi": "Mọi ngôn ngữ",
        "en": "Every language",
    },
    "filter_shown": {
        "vi": "đang hiện {shown}/{total} báo cáo",
        "en": "showing {shown} of {total} reports",
    },
    "run_at": {
        "vi": "Chạy lúc (giờ Việt Nam)",
        "en": "Run at (Viet Nam time)",
    },
    "more_failed": {
        "vi": "và {count} báo cáo lỗi khác (chọn trạng thái LỖI ở bộ lọc)",
        "en": "and {count} more failed reports (pick FAILED in the filter)",
    },
}
