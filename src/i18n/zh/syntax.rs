//! Chinese text of YAML syntax errors.

use std::fmt::{self, Formatter};

use crate::i18n::syntax::{Above, Alternative, Construct, Flow, Syntax, SyntaxHelp};

pub(in crate::i18n) fn syntax(message: &Syntax, out: &mut Formatter<'_>) -> fmt::Result {
    out.write_str(match message {
        Syntax::TooDeep => "YAML 嵌套超过 255 层（约 127 层任务）",
        Syntax::TabIndent => "缩进中有制表符",
        Syntax::TabElsewhere => "YAML 不允许在这里使用制表符",
        Syntax::QuoteNotClosed => "这个引号没有闭合",
        Syntax::QuotedLessIndented => "这一行的缩进比它所延续的引号值少",
        Syntax::TextAfterQuote => "闭合引号之后还有文本",
        Syntax::UnknownEscape { escape: Some(c) } => {
            return write!(out, "`\\{c}` 不是 YAML 认识的转义");
        }
        Syntax::UnknownEscape { escape: None } => "有一个 YAML 不认识的转义",
        Syntax::BadCodeEscape => "`\\x`、`\\u` 或 `\\U` 转义后面不是字符编码",
        Syntax::NotClosed { open } => return write!(out, "这个 `{open}` 没有闭合"),
        Syntax::SomeNotClosed { open } => return write!(out, "有一个 `{open}` 没有闭合"),
        Syntax::ClosesOther { open, close } => {
            return write!(out, "这个 `{close}` 闭合的是 `{open}`");
        }
        Syntax::ClosesNothing { bracket } => {
            return write!(out, "这个 `{bracket}` 前面没有可闭合的括号");
        }
        Syntax::FlowUnderIndented { flow: f } => {
            return write!(out, "这一行的缩进比它所延续的{}少", flow(*f));
        }
        Syntax::MissingSeparator { close } => {
            return write!(out, "这里之前缺少 `,` 或 `{close}`");
        }
        Syntax::EmptyItem { flow: f } => {
            return write!(out, "`{}…{}` {}中有空条目", f.open(), f.close(), flow(*f));
        }
        Syntax::DashFlowIndicator => "不加引号的值不能以 `-` 后接 `,`、`[`、`]`、`{` 或 `}` 开头",
        Syntax::ColonInFlow => "YAML 不允许在这里使用 `:`",
        Syntax::DoesNotFit { flow: f } => {
            return write!(
                out,
                "这里不符合 `{}…{}` {}的写法",
                f.open(),
                f.close(),
                flow(*f)
            );
        }
        Syntax::ColonInValue => "值中含有 `: ` 时必须加引号",
        Syntax::ListOnKeyLine => "列表不能与它的键写在同一行",
        Syntax::ItemCannotStart => "这里不能开始一个 `- ` 列表条目",
        Syntax::DashNeedsSpace => "`-` 后面需要一个空格",
        Syntax::CommentNeedsSpace => "注释的 `#` 前面需要一个空格",
        Syntax::CommentInValue => "注释出现在一个跨行的值中间",
        Syntax::ReservedStart { character: '`' } => "值以 `` ` `` 开头时必须加引号",
        Syntax::ReservedStart { character } => {
            return write!(out, "值以 `{character}` 开头时必须加引号");
        }
        Syntax::Unprintable { character } => {
            return write!(
                out,
                "YAML 不允许文本中出现这个字符：U+{:04X}",
                u32::from(*character)
            );
        }
        Syntax::TextAfterIndicator { indicator } => {
            return write!(out, "`{indicator}` 所在行的后面不能再有文本");
        }
        Syntax::ZeroBlockIndent => "块文本的缩进数字必须是 1 到 9",
        Syntax::UnevenBlockIndent => "这段块文本（`|` 或 `>`）的各行缩进不一致",
        Syntax::TextAfterDocumentEnd => "`...` 所在行还有其他文本",
        Syntax::TextAfterPlan => "计划的顶层值结束之后还有文本",
        Syntax::Directive => "这里有一个 YAML 无法读取的 `%` 指令",
        Syntax::MalformedTag => "格式错误的 `!` 标签",
        Syntax::Bom => "文件中间有一个看不见的字节顺序标记（U+FEFF）",
        Syntax::NotYaml => "这不是有效的 YAML",
        Syntax::ColonNoKey => "这里不能开始一个键，却出现了 `: `",
        Syntax::TextAfterValue => "完整的值之后还有文本",
        Syntax::IndentedMore { above: a } => {
            return write!(out, "这一行的缩进比上面的{}多", above(*a));
        }
        Syntax::ItemAmongKeys => "映射的键之间出现了 `- ` 列表条目",
        Syntax::KeyNeedsColon => "键后面需要 `: `",
        Syntax::NotAnItem => "这一行在列表中，却没有以 `- ` 开头",
        Syntax::MisfitIndent => "这一行的缩进与上面各行对不上",
        Syntax::ListIndented { more: true } => "这一行的缩进比它所延续的列表多",
        Syntax::ListIndented { more: false } => "这一行的缩进比它所延续的列表少",
        Syntax::KeysIndentedLess => "这一行的缩进比上面的键少",
        Syntax::SecondDocument => "一个计划文件只能有一个 YAML 文档，这里却开始了第二个",
        Syntax::Unsupported { what } => {
            return write!(out, "计划中不支持{}", construct(*what));
        }
        Syntax::DuplicateKey { key } => return write!(out, "重复的键 `{key}`"),
        Syntax::ParserSays { info } => return write!(out, "YAML 解析器的原话：{info}"),
    })
}

pub(in crate::i18n) fn help(help: &SyntaxHelp, out: &mut Formatter<'_>) -> fmt::Result {
    out.write_str(match help {
        SyntaxHelp::Flatten => "减少计划的层级：把最深的分支改为顶层任务，或拆成单独的文件",
        SyntaxHelp::TabSpaces => "用空格缩进；YAML 不允许在这里使用制表符",
        SyntaxHelp::TabReplace => "把它换成空格",
        SyntaxHelp::MatchQuote { quote } => {
            return write!(out, "用对应的 `{quote}` 结束这个值");
        }
        SyntaxHelp::IndentQuoted { spaces: n } => {
            return write!(out, "至少缩进 {n} 个空格，或者把引号值写在同一行");
        }
        SyntaxHelp::InsideQuotes { quote } => {
            let inside = match quote {
                '"' => "`\\\"`",
                _ => "`''`",
            };
            return write!(
                out,
                "引号值在闭合的 `{quote}` 处结束：把全部文本放进引号内，引号内的 `{quote}` 写成 {inside}"
            );
        }
        SyntaxHelp::Backslash => {
            "在双引号中反斜杠表示转义：反斜杠本身要写成 `\\\\`，或者改用单引号，单引号中的反斜杠是普通文本"
        }
        SyntaxHelp::HexDigits => {
            "用十六进制数字写出字符编码（`\\u00e9` 即 é），普通的反斜杠写成 `\\\\`"
        }
        SyntaxHelp::CloseAfterLast { close } | SyntaxHelp::CloseAfterIts { close } => {
            return write!(out, "在最后一项之后用 `{close}` 闭合");
        }
        SyntaxHelp::CloseMatching => "`[` 用 `]` 闭合，`{` 用 `}` 闭合",
        SyntaxHelp::RemoveOrOpen { open } => {
            return write!(out, "删除它，或补上与它对应的 `{open}`");
        }
        SyntaxHelp::FlowStillOpen {
            flow: f,
            line,
            spaces: n,
        } => {
            return write!(
                out,
                "第 {line} 行的 `{}` 仍未闭合：在{}结束处用 `{}` 闭合，或把这一行至少缩进 {n} 个空格",
                f.open(),
                flow(*f),
                f.close(),
            );
        }
        SyntaxHelp::SeparateItems { flow: f } => {
            return write!(
                out,
                "`{}…{}` {}的各项之间用 `, ` 分隔，最后用 `{}` 闭合",
                f.open(),
                f.close(),
                flow(*f),
                f.close(),
            );
        }
        SyntaxHelp::RemoveComma => "删除多余的 `,`",
        SyntaxHelp::QuoteDash => "加上引号：`\"-\"`",
        SyntaxHelp::KeyValueInFlow => {
            "在 `[…]` 或 `{…}` 中，`key: value` 要写在一行，含有 `:` 的值要加引号"
        }
        SyntaxHelp::FitFlow { flow: f } => {
            return write!(
                out,
                "各项之间用 `, ` 分隔，用 `{}` 闭合{}，含有 `: `、`#`、`,`、方括号或花括号的项要加引号",
                f.close(),
                flow(*f),
            );
        }
        SyntaxHelp::QuoteThis { fixed } => return write!(out, "给值加上引号：`{fixed}`"),
        SyntaxHelp::QuoteWhole => "给整个值加上引号",
        SyntaxHelp::QuoteValue => "给值加上引号",
        SyntaxHelp::ListBelowKey => {
            "把每个 `- 条目` 写在键下方单独的一行，并比键缩进更多，或者把列表写成 `[a, b]`"
        }
        SyntaxHelp::ItemOwnLine => "每个列表条目都要另起一行",
        SyntaxHelp::DashSpace => "写成 `- 条目`，短横线后面是空格（不是制表符）",
        SyntaxHelp::CommentSpace => "用 ` #` 开始注释；如果 `#` 是值的一部分，就给值加上引号",
        SyntaxHelp::CommentOwnLine => "把注释移到单独的一行，或给值加上引号",
        SyntaxHelp::EscapeCharacter { character } => {
            return write!(
                out,
                "删除它；如果要保留，就在双引号中写成 `\\u{:04x}`",
                u32::from(*character)
            );
        }
        SyntaxHelp::TextNextLine { indicator } => {
            return write!(
                out,
                "文本从下一行开始写，并比键缩进更多；如果值以 `{indicator}` 开头，就给它加上引号"
            );
        }
        SyntaxHelp::BlockBare => "只写 `|`：文本第一行的缩进就是整段的缩进",
        SyntaxHelp::BlockEven => {
            "文本的每一行都至少缩进到第一行的位置，第一行之前的空行不要留多余的空格"
        }
        SyntaxHelp::RemoveDocumentEnd => {
            "`...` 表示文档结束，必须单独成行；计划不需要它：删除即可"
        }
        SyntaxHelp::OneMapping => {
            "计划是由 `key: value` 行组成的一个映射：删除这一行，或修正上面提前结束映射的那一行"
        }
        SyntaxHelp::RemoveDirective => "计划不需要 `%YAML` 或 `%TAG` 行：删除即可",
        SyntaxHelp::RemoveTag => "计划不使用标签：删除 `!…`；如果值以 `!` 开头，就给它加上引号",
        SyntaxHelp::DeleteBom => "删除它：只有文件的最开头可以有字节顺序标记",
        SyntaxHelp::LookHere => {
            "检查这里是否有多余的字符、未闭合的引号或括号，或者缩进与相邻行不同的行"
        }
        SyntaxHelp::KeyOwnLine => {
            "每个 `key: value` 都要另起一行；如果冒号是值的一部分，就给值加上引号"
        }
        SyntaxHelp::RestOwnLine => {
            "值在行尾、闭合引号或闭合括号处结束：把其余部分另起一行，或给整个值加上引号"
        }
        SyntaxHelp::LikeAbove {
            column,
            above: a,
            or,
        } => {
            write!(out, "{}，与上面的{}对齐", IndentIt(*column), above(*a))?;
            return match or {
                None => Ok(()),
                Some(Alternative::OuterKey { column }) => {
                    write!(out, "；如果它是外层映射的键，就{}", IndentIt(*column))
                }
                Some(Alternative::NewItem { column: 0 }) => {
                    out.write_str("；或者在行首用 `- ` 开始一个新条目")
                }
                Some(Alternative::NewItem { column }) => {
                    write!(out, "；或者在 {column} 个空格之后用 `- ` 开始一个新条目")
                }
            };
        }
        SyntaxHelp::RemoveDash => {
            "如果这一行是键，就删除 `-`；列表写在它的键下方，并比键缩进更多"
        }
        SyntaxHelp::SpaceAfterColon { fixed } => {
            return write!(out, "在冒号后加一个空格：`{fixed}`");
        }
        SyntaxHelp::WriteKeyValue => {
            "写成 `key: value`，键后面是 `: `；如果这一行延续上面的值，就缩进更多，或给那个值加上引号"
        }
        SyntaxHelp::StartWithDash { inner } => {
            out.write_str("以 `- ` 开头，使它成为一个新条目")?;
            return match inner {
                Some(inner) => write!(out, "；或者{}，把它并入上面的条目", IndentIt(*inner)),
                None => Ok(()),
            };
        }
        SyntaxHelp::LineUp => "与它所属的键或 `- ` 条目对齐",
        SyntaxHelp::SecondDocument => "删除 `---` 这一行，或把第二个文档移到单独的文件中",
        SyntaxHelp::PlainData => "计划是普通数据：把值完整地写出来",
        SyntaxHelp::DuplicateKey => "删除其中一个；YAML 每个键只保留一个值",
    })
}

pub(in crate::i18n) fn flow(flow: Flow) -> &'static str {
    match flow {
        Flow::List => "列表",
        Flow::Mapping => "映射",
    }
}

pub(in crate::i18n) fn above(above: Above) -> &'static str {
    match above {
        Above::Keys => "键",
        // Without the code `- `: the phrase follows 的 with no space.
        Above::Items => "列表条目",
    }
}

pub(in crate::i18n) fn construct(construct: Construct) -> &'static str {
    match construct {
        Construct::Tags => "标签（`!name`）",
        Construct::Anchors => "锚点（`&name`）",
        Construct::Aliases => "别名（`*name`）",
        Construct::MergeKeys => "合并键（`<<`）",
    }
}

/// How to bring a line to a column, as an instruction.
struct IndentIt(usize);

impl fmt::Display for IndentIt {
    fn fmt(&self, out: &mut Formatter<'_>) -> fmt::Result {
        match self.0 {
            0 => out.write_str("去掉它的缩进"),
            n => write!(out, "缩进 {n} 个空格"),
        }
    }
}
