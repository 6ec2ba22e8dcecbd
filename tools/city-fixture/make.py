#!/usr/bin/env python3
"""Writes tests/fixtures/city-168/: a city with 168 current wards, communes
and special zones (as Hồ Chí Minh City has since 1 July 2025), the former
provinces, districts and communes they replaced, and a few articles. The
browser tests and the screenshots of /districts/ run on it.

python3 tools/city-fixture/make.py   (rewrites the folder; deterministic)
"""
import shutil
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "city-168"

WARDS = """Sài Gòn, Tân Định, Bến Thành, Cầu Ông Lãnh, Bàn Cờ, Xuân Hòa, Nhiêu Lộc,
Xóm Chiếu, Khánh Hội, Vĩnh Hội, Chợ Quán, An Đông, Chợ Lớn, Bình Tây, Bình Tiên,
Bình Phú, Phú Lâm, Tân Thuận, Phú Thuận, Tân Mỹ, Tân Hưng, Chánh Hưng, Phú Định,
Bình Đông, Diên Hồng, Vườn Lài, Hòa Hưng, Minh Phụng, Bình Thới, Hòa Bình, Phú Thọ,
Đông Hưng Thuận, Trung Mỹ Tây, Tân Thới Hiệp, Thới An, An Phú Đông, An Lạc, Tân Tạo,
Bình Tân, Bình Trị Đông, Bình Hưng Hòa, Gia Định, Bình Thạnh, Bình Lợi Trung,
Thạnh Mỹ Tây, Bình Quới, Hạnh Thông, An Nhơn, Gò Vấp, An Hội Đông, Thông Tây Hội,
An Hội Tây, Đức Nhuận, Cầu Kiệu, Phú Nhuận, Tân Sơn Hòa, Tân Sơn Nhất, Tân Hòa,
Bảy Hiền, Tân Bình, Tân Sơn, Tây Thạnh, Tân Sơn Nhì, Phú Thọ Hòa, Tân Phú, Phú Thạnh,
Hiệp Bình, Thủ Đức, Tam Bình, Linh Xuân, Tăng Nhơn Phú, Long Bình, Long Phước,
Long Trường, Cát Lái, Bình Trưng, Phước Long, An Khánh, Thủ Dầu Một, Phú Lợi,
Chánh Hiệp, Bình Dương, Hòa Lợi, Phú An, Tây Nam, Long Nguyên, Bến Cát,
Chánh Phú Hòa, Vĩnh Tân, Bình Cơ, Tân Uyên, Tân Hiệp, Tân Khánh, Thuận An,
Thuận Giao, Bình Hòa, Lái Thiêu, An Phú, Dĩ An, Tân Đông Hiệp, Đông Hòa,
Vũng Tàu, Tam Thắng, Rạch Dừa, Phước Thắng, Bà Rịa, Long Hương, Tam Long, Phú Mỹ,
Tân Thành, Tân Phước, Tân Hải""".replace("\n", " ")

COMMUNES = """Xuyên Mộc, Hòa Hiệp, Bàu Lâm, Hồ Tràm, Hòa Hội, Bình Châu, Long Hải, Long Điền,
Đất Đỏ, Phước Hải, Châu Đức, Ngãi Giao, Kim Long, Xuân Sơn, Bình Giã, Nghĩa Thành,
Châu Pha, Long Sơn, Củ Chi, Tân An Hội, Thái Mỹ, An Nhơn Tây, Nhuận Đức, Phú Hòa Đông,
Bình Mỹ, Hóc Môn, Đông Thạnh, Xuân Thới Sơn, Bà Điểm, Bình Chánh, Tân Nhựt,
Vĩnh Lộc, Bình Lợi, Hưng Long, Bình Hưng, Nhà Bè, Hiệp Phước, Cần Giờ, Bình Khánh,
An Thới Đông, Thạnh An, Dầu Tiếng, Minh Thạnh, Long Hòa, Minh Hòa, Bàu Bàng,
Trừ Văn Thố, Phú Giáo, Phước Thành, Phước Hòa, Bắc Tân Uyên, Thường Tân, Bình Sơn,
Đá Bạc, Phước Bửu Mới""".replace("\n", " ")

FORMER = [
    # key, name, level, valid_to, merged_into, parent
    ("tinh-ba-ria-vung-tau", "Tỉnh Bà Rịa – Vũng Tàu", "tỉnh", "2025-07-01", ["tp-ho-chi-minh"], None),
    ("tinh-binh-duong", "Tỉnh Bình Dương", "tỉnh", "2025-07-01", ["tp-ho-chi-minh"], None),
    ("huyen-xuyen-moc", "Huyện Xuyên Mộc", "huyện", "2025-07-01",
     ["xa-xuyen-moc", "xa-hoa-hiep", "xa-bau-lam", "xa-ho-tram", "xa-hoa-hoi", "xa-binh-chau"], "tinh-ba-ria-vung-tau"),
    ("huyen-dat-do", "Huyện Đất Đỏ", "huyện", "2025-01-01", ["huyen-long-dat"], "tinh-ba-ria-vung-tau"),
    ("huyen-long-dien", "Huyện Long Điền", "huyện", "2025-01-01", ["huyen-long-dat"], "tinh-ba-ria-vung-tau"),
    ("huyen-long-dat", "Huyện Long Đất", "huyện", "2025-07-01",
     ["xa-long-hai", "xa-long-dien", "xa-dat-do", "xa-phuoc-hai"], "tinh-ba-ria-vung-tau"),
    ("huyen-con-dao", "Huyện Côn Đảo", "huyện", "2025-07-01", ["dac-khu-con-dao"], "tinh-ba-ria-vung-tau"),
    ("xa-bong-trang", "Xã Bông Trang", "xã", "2025-07-01", ["xa-ho-tram"], "huyen-xuyen-moc"),
    ("xa-phuoc-thuan", "Xã Phước Thuận", "xã", "2025-07-01", ["xa-ho-tram"], "huyen-xuyen-moc"),
    ("thi-tran-phuoc-buu", "Thị trấn Phước Bửu", "thị trấn", "2025-07-01", ["xa-ho-tram"], "huyen-xuyen-moc"),
    ("thi-xa-tan-thanh", "Thị xã Tân Thành", "thị xã", "2018-04-01", ["thi-xa-phu-my"], "tinh-ba-ria-vung-tau"),
    ("thi-xa-phu-my", "Thị xã Phú Mỹ", "thị xã", "2025-07-01", ["phuong-phu-my", "phuong-tan-thanh"], "tinh-ba-ria-vung-tau"),
]


def slug(text):
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return "-".join("".join(c if c.isalnum() else " " for c in text).split())


def units():
    wards = [w.strip() for w in WARDS.split(",")]
    communes = [c.strip() for c in COMMUNES.split(",")]
    made = [("phường", "Phường", w) for w in wards] + [("xã", "Xã", c) for c in communes]
    made.append(("đặc khu", "Đặc khu", "Côn Đảo"))
    assert len(made) == 168, len(made)
    return [(f"{slug(prefix)}-{slug(name)}", f"{prefix} {name}", level) for level, prefix, name in made]


def site_toml():
    lines = [
        'title = "Công an Thành phố Thử nghiệm"',
        'description = "Trang thử nghiệm: 168 phường, xã, đặc khu"',
        'base_url = "https://congan.example.gov.vn"',
        'language = "vi"', 'timezone = "+07:00"', 'per_page = 10', "",
        "[[districts]]", 'key = "tp-ho-chi-minh"', 'name = "Thành phố Hồ Chí Minh"',
        'level = "thành phố"', "",
    ]
    for key, name, level, valid_to, merged_into, parent in FORMER:
        lines += ["[[districts]]", f'key = "{key}"', f'name = "{name}"', f'level = "{level}"',
                  f"valid_to = {valid_to}", "merged_into = [" + ", ".join(f'"{m}"' for m in merged_into) + "]"]
        if parent:
            lines.append(f'parent = "{parent}"')
        lines.append("")
    for key, name, level in units():
        lines += ["[[districts]]", f'key = "{key}"', f'name = "{name}"', f'level = "{level}"',
                  'parent = "tp-ho-chi-minh"', "valid_from = 2025-07-01", ""]
    lines += ["[[categories]]", 'key = "hoat-dong"', 'name = "Hoạt động"', "",
              "[[categories]]", 'key = "canh-bao"', 'name = "Cảnh báo"', ""]
    return "\n".join(lines)


ARTICLES = [
    ("ho-tram-ra-mat", "Công an xã Hồ Tràm ra mắt", "2025-07-02", "xa-ho-tram", "hoat-dong"),
    ("ho-tram-tuan-tra", "Xã Hồ Tràm tuần tra bãi biển dịp hè", "2025-07-20", "xa-ho-tram", "hoat-dong"),
    ("ho-tram-lua-dao", "Cảnh báo lừa đảo đặt phòng ở Hồ Tràm", "2025-08-05", "xa-ho-tram", "canh-bao"),
    ("bong-trang-2024", "Xã Bông Trang ra quân trấn áp tội phạm", "2024-03-10", "xa-bong-trang", "hoat-dong"),
    ("dat-do-2024", "Huyện Đất Đỏ tổng kết công tác năm 2024", "2024-12-20", "huyen-dat-do", "hoat-dong"),
    ("ben-thanh", "Phường Bến Thành ra mắt mô hình camera an ninh", "2025-09-01", "phuong-ben-thanh", "hoat-dong"),
    ("toan-thanh-pho", "Cảnh báo cuộc gọi giả danh Công an", "2025-10-01", None, "canh-bao"),
    ("con-dao", "Đặc khu Côn Đảo bảo đảm an ninh mùa du lịch", "2025-08-15", "dac-khu-con-dao", "hoat-dong"),
    ("can-cuoc", "Hướng dẫn cấp thẻ căn cước tại Phường Bà Rịa", "2025-09-10", "phuong-ba-ria", "hoat-dong"),
]


def main():
    shutil.rmtree(ROOT, ignore_errors=True)
    (ROOT / "content" / "tin").mkdir(parents=True)
    (ROOT / "site.toml").write_text(site_toml(), encoding="utf-8")
    for slug_, title, date, unit, category in ARTICLES:
        districts = f"districts: [{unit}]\n" if unit else ""
        text = (f"---\ntitle: \"{title}\"\ndate: {date}\n{districts}category: {category}\n"
                f"tags: [an ninh trật tự]\n---\n{title}. Bài viết thử nghiệm của trang 168 địa bàn.\n")
        (ROOT / "content" / "tin" / f"{slug_}.md").write_text(text, encoding="utf-8")
    print(f"wrote {ROOT}")


if __name__ == "__main__":
    main()
