"""GB 3304 nation (民族) codes as stored on the resident ID card, mapped to their names."""
from __future__ import annotations

from drivers.card_reader.sam_errors import IdDataError

_NAMES = (
    "汉 蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 拉祜 水 "
    "东乡 纳西 景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 乌孜别克 "
    "俄罗斯 鄂温克 德昂 保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺"
).split()

NATIONS: dict[str, str] = {f"{i:02d}": n for i, n in enumerate(_NAMES, start=1)}
NATIONS["97"] = "其他"
NATIONS["98"] = "外国血统中国籍人士"


def nation_name(code: str) -> str:
    """The nation name for a two-digit code ('01' -> '汉'); IdDataError if unknown."""
    name = NATIONS.get((code or "").strip())
    if name is None:
        raise IdDataError("nation code is not in GB 3304")
    return name


def nation_code(name: str) -> str:
    """The two-digit code for a nation name (used by the simulator)."""
    for code, n in NATIONS.items():
        if n == name:
            return code
    raise KeyError(name)
