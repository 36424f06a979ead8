"""The quiz engine's messages (English, for authors of files) in Vietnamese, for the editor pages.

Each rule also says which form field a message is about: "" is the whole
question, a plain name is that field ("text", "points", "id", "correct"), and
"@role" is a cell of the answer row the error points at ("@weight" → the
row's weight box, "@right" → a pair's right side). An unknown message is
passed on unchanged, on the row the error points at or else the question.
"""

from __future__ import annotations

import re

_RULES: tuple[tuple[str, str, str], ...] = (
    # answer markers and weights (mooc/quiz/types/_choices.py)
    (r"^unknown answer marker", "@weight", "Điểm phần trăm phải là một số, ví dụ 50."),
    (r"^weight \[.*\] must be between", "@weight", "Điểm phần trăm phải từ -100 đến 100."),
    (r"^(short_answer|numerical) weights are between", "@weight", "Điểm một phần phải từ 0 đến 100."),
    (r"^points must be a whole number", "points", "Điểm là một số nguyên, từ 1 trở lên."),
    (r"^the same answer appears twice", "@text", "Đáp án này trùng với một đáp án khác."),
    (r"^the question has no text", "text", "Nhập nội dung câu hỏi."),
    (r"^an answer with no text", "@text", "Đáp án không có nội dung."),
    # single and multiple choice, true/false
    (r"^a \w+ question needs at least two answers", "", "Cần ít nhất hai đáp án."),
    (r"needs exactly one \[x\] answer, found 0", "", "Cần ít nhất một đáp án đúng."),
    (
        r"needs exactly one \[x\] answer, found",
        "@correct",
        "Câu hỏi này chỉ có một đáp án đúng: bỏ đánh dấu ở các đáp án khác "
        "(hoặc chọn loại câu 'Chọn nhiều đáp án').",
    ),
    (
        r"^use either \[x\]/\[ \] or weights",
        "",
        "Hoặc đánh dấu các đáp án đúng, hoặc ghi trọng số cho các đáp án; không dùng lẫn cả hai.",
    ),
    (r"needs at least one (\[x\]|accepted) answer", "", "Cần ít nhất một đáp án đúng."),
    (
        r"^the positive weights must add up to 100%, they add up to (?P<total>\S+)%",
        "",
        "Các trọng số dương phải cộng lại bằng 100%; hiện là {total}%.",
    ),
    (r"^a true_false question has exactly two answers", "", "Câu Đúng/Sai có đúng hai đáp án: Đúng và Sai."),
    (r"^true_false answers are", "", "Câu Đúng/Sai không có điểm một phần."),
    (r"^mark exactly one of Đúng / Sai", "correct", "Chọn đáp án đúng: Đúng hoặc Sai."),
    # short answer and numerical
    (r"^ignore_tones is yes or no", "ignore_tones", "Ô 'gõ không dấu' chỉ là có hoặc không."),
    (
        r"^answer .* matches the one on line",
        "@text",
        "Câu trả lời này trùng với một câu trả lời khác (không tính chữ hoa, khoảng trắng và dấu câu).",
    ),
    (
        r"^'\*' \(any other answer\) only carries feedback",
        "@correct",
        "Dòng '*' (mọi đáp số khác) chỉ mang phản hồi: không đánh dấu đúng, không cho điểm.",
    ),
    (
        r"is not a number",
        "@number",
        "Đáp số là một số viết bằng dấu chấm thập phân (3.14), có thể kèm sai số (3.14:0.01), "
        "hoặc một khoảng (1..5).",
    ),
    (r"^a tolerance cannot be negative", "@tolerance", "Sai số không được âm."),
    (r"^a range goes from the smaller number", "@value", "Khoảng viết từ số nhỏ đến số lớn, ví dụ 1..5."),
    # matching and ordering
    (
        r"^items here have no feedback of their own",
        "@text",
        "Cặp ghép và mục sắp xếp không có phản hồi riêng: hãy viết vào phần giải thích chung.",
    ),
    (r"^write each pair as", "@text", "Viết mỗi cặp theo dạng 'mục -> đáp án ghép'."),
    (r"^nothing after '->'", "@right", "Nhập đáp án ghép cho mục này."),
    (
        r"^(a pair is marked|a decoy answer with no item)",
        "@text",
        "Đánh dấu [x] cho một cặp, [ ] cho đáp án gây nhiễu (không có mục).",
    ),
    (r"^the item .* appears twice", "@left", "Mục này đã có ở một cặp khác."),
    (r"^a matching question needs at least two pairs", "", "Cần ít nhất hai cặp ghép."),
    (r"^mark each item with its place", "@text", "Đánh số thứ tự cho mỗi mục: [1], [2], [3] …"),
    (r"^two items are marked", "@text", "Hai mục có cùng số thứ tự."),
    (r"^an ordering question needs at least two items", "", "Cần ít nhất hai mục để sắp xếp."),
    (r"^number the items 1 to (?P<n>\d+)", "", "Đánh số các mục từ 1 đến {n}, không bỏ số nào."),
    (r"^the same item appears twice", "", "Có hai mục giống nhau."),
    # missing word
    (r"^write the blank as", "text", "Đánh dấu chỗ trống bằng [___], đúng một lần trong câu."),
    (r"^keep \[___\] in plain text", "text", "Để [___] ngoài liên kết và ngoài đoạn mã."),
    # ids and types (mooc/quiz/parse.py, gift.py)
    (
        r"^id .* must be lowercase",
        "id",
        "Mã câu hỏi chỉ gồm chữ thường không dấu (a-z), chữ số và dấu '-'.",
    ),
    (
        r"id (?P<id>'.*') is already used on line (?P<line>\d+)",
        "id",
        "Mã câu hỏi {id} đã dùng cho câu ở dòng {line}.",
    ),
    (r"^missing 'type:'", "", "Thiếu dòng 'type:' (loại câu hỏi)."),
    (r"^unknown type (?P<kind>'.*?');", "", "Không có loại câu hỏi {kind}."),
    # GIFT (mooc/quiz/gift.py, gift_answers.py)
    (r"^the question name '::…' is not closed", "", "Tên câu hỏi '::…' chưa có '::' đóng lại."),
    (
        r"^an answer block needs both",
        "",
        "Phần đáp án cần có cả '{{' và '}}' (viết \\{{ hoặc \\}} nếu muốn hiện dấu ngoặc).",
    ),
    (
        r"^a second answer block",
        "",
        "Gặp phần đáp án thứ hai: hãy để một dòng trống trước mỗi câu hỏi "
        "(hoặc viết \\{{ và \\}} nếu muốn hiện dấu ngoặc).",
    ),
    (r"^a matching pair needs '->'", "", "Mỗi cặp ghép cần có '->'."),
    (r"^a short answer needs at least one", "", "Câu trả lời ngắn cần ít nhất một '=đáp án'."),
    (r"^write (?P<x>'.*') with a decimal point", "", "Viết {x} bằng dấu chấm thập phân, như GIFT yêu cầu."),
    (r"^a description \(no answers\) is skipped", "", "Đoạn mô tả (không có đáp án) được bỏ qua."),
    (r"^an essay question", "", "Câu tự luận ('{{}}') cần người chấm nên được bỏ qua."),
    (
        r"^every wrong answer weighs 0%",
        "",
        "Mọi đáp án sai đều 0%: người học đánh dấu tất cả vẫn được trọn điểm; "
        "hãy cho đáp án sai trọng số âm, ví dụ ~%-50%.",
    ),
    # Aiken (mooc/quiz/aiken.py)
    (r"^ANSWER: before any question", "", "Dòng ANSWER: đứng trước mọi câu hỏi."),
    (r"^a choice before any question", "", "Đáp án đứng trước mọi câu hỏi."),
    (
        r"^this question has no ANSWER: line \(",
        "",
        "Câu hỏi này thiếu dòng ANSWER: (câu hỏi Aiken phải viết trên một dòng).",
    ),
    (r"^this question has no ANSWER: line", "", "Câu hỏi này thiếu dòng ANSWER:."),
    (r"^an Aiken question needs at least two choices", "", "Câu hỏi Aiken cần ít nhất hai đáp án."),
    (r"^ANSWER: (?P<letter>\S+) names no choice", "", "ANSWER: {letter} không chỉ tới đáp án nào."),
)
_COMPILED = tuple((re.compile(pattern), target, text) for pattern, target, text in _RULES)


def translate(message: str) -> tuple[str | None, str]:
    """(target, Vietnamese message); target None and the message unchanged when it is not known."""
    for pattern, target, text in _COMPILED:
        match = pattern.search(message)
        if match:
            return target, text.format(**match.groupdict())
    return None, message


def vietnamese(message: str) -> str:
    return translate(message)[1]
