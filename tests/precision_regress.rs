//! Regression tests for false alarms found by running numcheck on new, correct articles
//! (tests/fixtures/precision): each test is a short correct passage of the form that raised
//! the alarm, run through the whole pipeline with the bundled reference, and must stay quiet;
//! where the fix must not hide a real slip, a flawed twin is checked too.

use numcheck::document::Document;
use numcheck::finding::Severity;
use numcheck::reference::Reference;
use numcheck::settings::Settings;

/// (code, span text) of every warning or error numcheck reports on `text`.
fn alarms(text: &str) -> Vec<(String, String)> {
    let settings = Settings {
        article_date: "2025-11-20".parse().ok(),
        ..Settings::default()
    };
    let report = numcheck::check_document(
        Document::new("inline.txt", text.to_string()),
        &Reference::bundled(),
        &settings,
    );
    report
        .findings
        .iter()
        .filter(|f| f.severity >= Severity::Warning)
        .map(|f| {
            (
                f.rule.code.to_string(),
                text[f.span.start..f.span.end].to_string(),
            )
        })
        .collect()
}

#[test]
fn a_rate_then_zhi_and_an_amount_is_not_a_range() {
    let text = "以美元计，10月出口同比下降1.1%至3053亿美元，进口增长1%至2152亿美元。\
                全球智能手机出货量同比增长2%至3.2亿台。";
    assert_eq!(alarms(text), vec![]);
    // A real range of rates after a change verb is still a range.
    let ex = numcheck::extract::extract(
        &Document::new("r.txt", "DRAM合约价环比上涨8%至13%。".to_string()),
        &Default::default(),
    );
    assert!(ex.claims.iter().any(|c| c.is_range()));
}

#[test]
fn nested_top_n_groups_are_neither_ranked_nor_summed() {
    let text = "10月，排名前3家、前5家、前10家动力电池企业装车量分别为61.5GWh、68.9GWh和79.1GWh，\
                占总装车量比分别为73.1%、81.9%和94.1%。";
    assert_eq!(alarms(text), vec![]);
    // A single top-N list is still a ranking and still a split.
    let flawed = "装车量排名前三的企业宁德时代、比亚迪和中创新航分别为248.6GWh、322.3GWh和\
                  39.4GWh，占比分别为53.0%、41.2%和16.8%。";
    let got = alarms(flawed);
    assert!(got.iter().any(|(c, _)| c == "NC108"), "{got:?}");
    assert!(got.iter().any(|(c, _)| c == "NC105"), "{got:?}");
}

#[test]
fn a_total_after_its_parts_is_not_another_part() {
    let text = "台积电表示，3nm工艺已占其晶圆营收的23%，5nm占37%，7nm占14%，\
                7nm及以下先进工艺合计占比74%。";
    assert_eq!(alarms(text), vec![]);
    let flawed = "台积电表示，3nm工艺已占其晶圆营收的43%，5nm占37%，7nm占24%。";
    assert_eq!(
        alarms(flawed).first().map(|(c, _)| c.as_str()),
        Some("NC105")
    );
}

#[test]
fn a_season_written_with_a_two_digit_second_year_is_a_period() {
    let text = "NBA方面，2025-26赛季常规赛中，雷霆队目前以17胜1负的战绩领跑西部。";
    assert_eq!(alarms(text), vec![]);
    let ex = numcheck::extract::extract(
        &Document::new("s.txt", text.to_string()),
        &Default::default(),
    );
    assert!(ex
        .claims
        .iter()
        .any(|c| c.period.as_deref() == Some("2025-2026")));
    // A backwards range of counts is still a range.
    assert_eq!(
        alarms("预计销量为2025-26万辆。")
            .first()
            .map(|(c, _)| c.as_str()),
        Some("NC102")
    );
}

/// The subject the extractor gives the claim written as `text`.
fn subject_of(passage: &str, text: &str) -> Option<String> {
    let doc = Document::new("s.txt", passage.to_string());
    let ex = numcheck::extract::extract(&doc, &Default::default());
    ex.claims
        .iter()
        .find(|c| doc.slice(c.span) == text)
        .and_then(|c| c.subject.clone())
}

#[test]
fn a_fenbie_list_pairs_each_figure_with_its_own_name() {
    let p = "10月新势力交付量前三名依次为零跑、小鹏和蔚来，交付量分别为70289辆、42013辆和40397辆。";
    assert_eq!(subject_of(p, "70289辆").as_deref(), Some("零跑"));
    assert_eq!(subject_of(p, "42013辆").as_deref(), Some("小鹏"));
    assert_eq!(subject_of(p, "40397辆").as_deref(), Some("蔚来"));
    // A name the lexicon does not know keeps its place in the list.
    let p = "装车量排名前三的企业依次为宁德时代、比亚迪和中创新航，占比分别为43.0%、21.2%和6.8%。";
    assert_eq!(subject_of(p, "21.2%").as_deref(), Some("比亚迪"));
    assert_eq!(subject_of(p, "6.8%").as_deref(), Some("中创新航"));
    // The same figures stated again for each company agree: no repeated-figure alarm.
    let text = "零跑10月交付70289辆，小鹏交付42013辆，蔚来交付40397辆。\
                10月交付量前三名依次为零跑、小鹏和蔚来，交付量分别为70289辆、42013辆和40397辆。";
    assert_eq!(alarms(text), vec![]);
    // A figure changed in the list is still caught against its own company.
    let flawed = "零跑10月交付70289辆，小鹏交付42013辆，蔚来交付40397辆。\
                  10月交付量前三名依次为零跑、小鹏和蔚来，交付量分别为70289辆、45013辆和40397辆。";
    assert_eq!(
        alarms(flawed),
        vec![("NC103".to_string(), "45013辆".to_string())]
    );
}

#[test]
fn a_brand_is_not_its_maker() {
    let text = "蔚来公司10月交付新车40397辆，同比增长92.6%。其中，蔚来品牌交付17143辆，\
                乐道品牌交付17342辆，萤火虫品牌交付5912辆。";
    assert_eq!(alarms(text), vec![]);
    assert_eq!(subject_of(text, "17342辆").as_deref(), Some("乐道品牌"));
}

#[test]
fn a_month_on_month_change_is_not_the_year_on_year_change() {
    let text = "台积电2nm工艺下季度量产 全球晶圆代工营收三季度同比增长17%\n\
                2025年第三季度全球前十大晶圆代工企业营收合计约465.6亿美元，环比增长8.1%。\
                其中，台积电以330.6亿美元营收位居第一，环比增长9.8%，市场份额达71.0%。";
    assert_eq!(alarms(text), vec![]);
    let flawed =
        "2025年第三季度，台积电营收同比增长17%。\n台积电第三季度营收为330.6亿美元，同比增长19%。";
    assert_eq!(
        alarms(flawed).first().map(|(c, _)| c.as_str()),
        Some("NC103")
    );
}

#[test]
fn longer_metric_words_are_not_the_shorter_ones_inside() {
    // 进出口 (imports plus exports) is not 出口; 扣非净利润 is not 净利润.
    let text = "海关总署数据显示，前10个月我国进出口总值37.31万亿元。海关总署数据显示，前10个月我国出口22.12万亿元。\n\
                海天味业前三季度净利润53.22亿元。海天味业前三季度扣非净利润51.22亿元。";
    assert_eq!(alarms(text), vec![]);
    let flawed =
        "海关总署数据显示，前10个月我国出口22.12万亿元。海关总署称，前10个月出口23.12万亿元。";
    assert_eq!(
        alarms(flawed).first().map(|(c, _)| c.as_str()),
        Some("NC103")
    );
}

#[test]
fn a_segment_does_not_outlive_its_sentence_when_the_entity_is_named_again() {
    let p = "比亚迪10月销量为44.2万辆，其中海外销量为8.4万辆。比亚迪前10个月累计销量为370.2万辆。";
    let doc = Document::new("s.txt", p.to_string());
    let ex = numcheck::extract::extract(&doc, &Default::default());
    let seg = |t: &str| {
        ex.claims
            .iter()
            .find(|c| doc.slice(c.span) == t)
            .and_then(|c| c.segment.clone())
    };
    assert_eq!(seg("8.4万辆").as_deref(), Some("海外"));
    assert_eq!(seg("370.2万辆"), None);
    // 乘用车 names a segment of a carmaker's sales.
    let text = "比亚迪10月销量为44.2万辆，其中海外销量为8.4万辆。比亚迪10月乘用车销量为43.7万辆。";
    assert_eq!(alarms(text), vec![]);
    let flawed = "比亚迪10月海外销量为8.4万辆。比亚迪10月海外销量为8.9万辆。";
    assert_eq!(
        alarms(flawed).first().map(|(c, _)| c.as_str()),
        Some("NC103")
    );
}

#[test]
fn phone_numbers_postcodes_and_model_numbers_are_not_figures() {
    let p = "联系电话：0757-82836083，邮编528000，服务热线12121。华为Mate 70系列搭载麒麟9020芯片，\
             麒麟9010则由国内代工厂生产，小米17系列首发骁龙8 Elite Gen 5，售价4499元起。";
    let doc = Document::new("c.txt", p.to_string());
    let ex = numcheck::extract::extract(&doc, &Default::default());
    let texts: Vec<&str> = ex.claims.iter().map(|c| doc.slice(c.span)).collect();
    assert_eq!(texts, vec!["4499元"]);
    // A figure after a product line with a unit is still a figure.
    let p = "麒麟芯片出货量为2000万片，骁龙8系列销量为500万部。";
    let doc = Document::new("c.txt", p.to_string());
    let ex = numcheck::extract::extract(&doc, &Default::default());
    assert_eq!(ex.claims.len(), 2);
}

#[test]
fn periods_before_gongsi_metric_phrases_and_part_segments() {
    let p = "前三季度公司实现营业收入216.28亿元；归属于上市公司股东的净利润53.22亿元。\
             前三季度，比亚迪销量为326.01万辆，其中海外销量为70.1万辆。第三季度公司毛利率为17.6%。\
             截至9月末，公司货币资金为1180亿元。";
    let doc = Document::new("c.txt", p.to_string());
    let ex = numcheck::extract::extract(&doc, &Default::default());
    let get = |t: &str| {
        ex.claims
            .iter()
            .find(|c| doc.slice(c.span) == t)
            .unwrap_or_else(|| panic!("no claim {t}"))
    };
    assert_eq!(get("216.28亿元").subject, None);
    assert_eq!(get("53.22亿元").subject, None);
    assert_eq!(get("17.6%").segment, None);
    assert_eq!(get("1180亿元").metric.as_deref(), Some("货币资金"));
}

#[test]
fn temperatures_and_debut_prices() {
    let p = "北京最低气温-5℃，降雪量5～8毫米。RTX 4090首发价12999元。";
    let doc = Document::new("c.txt", p.to_string());
    let ex = numcheck::extract::extract(&doc, &Default::default());
    let units: Vec<(&str, Option<&str>)> = ex
        .claims
        .iter()
        .map(|c| (doc.slice(c.span), c.unit.as_ref().map(|u| u.code.as_str())))
        .collect();
    assert_eq!(
        units,
        vec![
            ("-5℃", Some("℃")),
            ("5～8毫米", Some("毫米")),
            ("12999元", Some("CNY"))
        ]
    );
}

#[test]
fn qian_n_ge_yue_is_a_span_not_the_month_before() {
    let text = "比亚迪10月新能源汽车销量为441706辆，同比下降12.1%。\
                前10个月，比亚迪累计销量约为370.2万辆，同比增长13.9%。";
    assert_eq!(alarms(text), vec![]);
}

#[test]
fn capital_letter_placeholder_companies_are_subjects() {
    let p = "报告显示，A公司与B公司2024年净利润分别为12亿元和8亿元，分别增长20%和10%。";
    assert_eq!(subject_of(p, "12亿元").as_deref(), Some("A公司"));
    assert_eq!(subject_of(p, "8亿元").as_deref(), Some("B公司"));
    assert_eq!(subject_of(p, "10%").as_deref(), Some("B公司"));
    // Two companies' different figures are never a repeated-figure slip …
    let text = "A公司2024年营收为120亿元。B公司2024年营收为80亿元。";
    assert_eq!(alarms(text), vec![]);
    // … but one company's figure changed is.
    let flawed = "A公司2024年营收为120亿元。B公司2024年营收为80亿元。A公司2024年营收为102亿元。";
    assert_eq!(
        alarms(flawed),
        vec![("NC103".to_string(), "102亿元".to_string())]
    );
    // Latin words are not placeholders: NVIDIA公司 is handled by the lexicon, iPhone公司 is nothing.
    assert_eq!(subject_of("该iPhone公司营收为10亿元。", "10亿元"), None);
}

#[test]
fn a_loss_is_its_own_metric() {
    let text = "理想汽车三季度营收274亿元 季度亏损6.2亿元\n\
                理想汽车第三季度交付量约为9.3万辆，营收约274亿元，净亏损6.2亿元。";
    assert_eq!(alarms(text), vec![]);
    let flawed = "理想汽车三季度营收274亿元 季度亏损6.2亿元\n理想汽车第三季度净亏损为2.6亿元。";
    assert_eq!(
        alarms(flawed).first().map(|(c, _)| c.as_str()),
        Some("NC103")
    );
}

#[test]
fn a_fiscal_quarter_is_not_the_fiscal_year() {
    let text = "苹果2025财年第四财季营收为1024.66亿美元，同比增长8%。\n\n\
                苹果2025财年营收为4161.61亿美元，同比增长6%。";
    assert_eq!(alarms(text), vec![]);
    let flawed =
        "苹果2025财年第四财季营收为1024.66亿美元。\n\n苹果2025财年第四财季营收为1042.66亿美元。";
    assert_eq!(
        alarms(flawed).first().map(|(c, _)| c.as_str()),
        Some("NC103")
    );
}

#[test]
fn scores_are_not_backwards_ranges() {
    let text = "在女单决赛中，郑钦文以6-4、7-5战胜对手。湖人队以118-110击败勇士队。\
                中国女排以3-0横扫对手，三局比分分别为25-18、25-21、25-16。";
    assert_eq!(alarms(text), vec![]);
    // Ranges that name a unit or magnitude are still checked.
    assert_eq!(
        alarms("预计销量为3.5万-2.8万辆。")
            .first()
            .map(|(c, _)| c.as_str()),
        Some("NC102")
    );
}

#[test]
fn a_part_after_qizhong_and_a_comma_is_not_the_whole_in_the_reference() {
    let text = "英伟达2025财年营收为1305亿美元，同比增长114%。其中，数据中心业务营收为1152亿美元，占总营收的88%。";
    assert_eq!(alarms(text), vec![]);
    // The whole is still checked against the reference.
    let flawed = "英伟达2025财年营收为1503亿美元。其中，数据中心业务营收为1152亿美元。";
    assert!(alarms(flawed)
        .iter()
        .any(|(c, t)| c.starts_with("NC20") && t == "1503亿美元"));
}

#[test]
fn audience_counts_are_not_money() {
    let settings = Settings {
        article_date: "2025-11-20".parse().ok(),
        ..Settings::default()
    };
    let text = "腾讯三季度营收为1928.7亿元，同比增长15%。微信及WeChat的合并月活跃账户数为14.1亿，\
                同比增长2%，相关话题阅读量达到5.6亿。";
    let report = numcheck::check_document(
        Document::new("k.txt", text.to_string()),
        &Reference::bundled(),
        &settings,
    );
    let codes: Vec<&str> = report.findings.iter().map(|f| f.rule.code).collect();
    assert!(codes.is_empty(), "{codes:?}");
}

#[test]
fn a_headline_may_drop_the_currency() {
    let settings = Settings {
        article_date: "2025-11-20".parse().ok(),
        ..Settings::default()
    };
    let run = |text: &str| -> Vec<&'static str> {
        numcheck::check_document(
            Document::new("h.txt", text.to_string()),
            &Reference::bundled(),
            &settings,
        )
        .findings
        .iter()
        .map(|f| f.rule.code)
        .collect()
    };
    let text = "比亚迪前三季度营收破五千亿 净利润增长超三成\n\n比亚迪前三季度营收为5662.66亿元，同比增长13.0%。";
    assert!(run(text).is_empty());
    // In the body the missing currency is still worth a look.
    let body = "比亚迪前三季度营收为5662.66亿元，同比增长13.0%。公司净利润为233亿，同比增长35.2%。";
    assert_eq!(run(body), vec!["NC302"]);
}

#[test]
fn page_footers_are_residue_and_their_numbers_are_not_figures() {
    let p = "第1页 共5页 上一页 下一页\n浏览次数：12345\n京ICP备12345678号-1 京公网安备 11010502030143号\n";
    let doc = Document::new("f.txt", p.to_string());
    let ex = numcheck::extract::extract(&doc, &Default::default());
    let texts: Vec<&str> = ex.claims.iter().map(|c| doc.slice(c.span)).collect();
    assert!(!texts.iter().any(|t| t.contains("12345")), "{texts:?}");
    let settings = Settings::default();
    let report = numcheck::check_document(doc, &Reference::bundled(), &settings);
    let residue = report
        .findings
        .iter()
        .filter(|f| f.rule.code == "NC301")
        .count();
    assert_eq!(residue, 3);
}

#[test]
fn a_fenbie_list_of_segments_pairs_each_figure_with_its_segment() {
    let text = "比亚迪10月在国内和海外的销量分别为35.8万辆和8.4万辆。比亚迪10月海外销量为8.4万辆。";
    assert_eq!(alarms(text), vec![]);
    let flawed =
        "比亚迪10月在国内和海外的销量分别为35.8万辆和8.4万辆。比亚迪10月海外销量为8.9万辆。";
    assert_eq!(
        alarms(flawed),
        vec![("NC103".to_string(), "8.9万辆".to_string())]
    );
}

#[test]
fn a_bare_level_after_zhi_is_not_a_range_end() {
    let p = "美元指数下跌0.3%至99.5。10年期美债收益率较上周下降8个基点。";
    let doc = Document::new("y.txt", p.to_string());
    let ex = numcheck::extract::extract(&doc, &Default::default());
    let texts: Vec<&str> = ex.claims.iter().map(|c| doc.slice(c.span)).collect();
    assert!(
        texts.contains(&"0.3%") && texts.contains(&"99.5"),
        "{texts:?}"
    );
    assert!(texts.contains(&"8个基点"), "{texts:?}");
    assert!(!ex.claims.iter().any(|c| c.is_range()));
}

#[test]
fn lingxia_is_below_zero() {
    let p = "哈尔滨最低气温为零下25度，最高气温零下十五度。";
    let doc = Document::new("t.txt", p.to_string());
    let ex = numcheck::extract::extract(&doc, &Default::default());
    let values: Vec<f64> = ex
        .claims
        .iter()
        .filter_map(|c| match c.value {
            numcheck::claim::Value::Point(n) => Some(n.value),
            _ => None,
        })
        .collect();
    assert_eq!(values.len(), 2);
    assert!(values.iter().all(|v| *v < -14.0), "{values:?}");
}

#[test]
fn a_currency_named_before_the_number_names_what_yuan_counts() {
    let text =
        "董事会建议派发中期股息每股港币0.20元（2024年：港币0.18元）。本次中期股息为每股0.2港元。";
    assert_eq!(alarms(text), vec![]);
    let doc = Document::new("d.txt", text.to_string());
    let ex = numcheck::extract::extract(&doc, &Default::default());
    let units: Vec<&str> = ex
        .claims
        .iter()
        .filter_map(|c| c.unit.as_ref().map(|u| u.code.as_str()))
        .collect();
    assert_eq!(units, vec!["HKD", "HKD", "HKD"]);
}

#[test]
fn a_count_before_fenbie_refers_back_to_the_names() {
    let p =
        "36氪汽车报道。蔚来公司10月交付40397辆。其中，蔚来品牌交付17143辆，乐道品牌交付17342辆，\
             萤火虫品牌交付5912辆，三个品牌分别占当月交付量的42.4%、42.9%和14.6%。";
    assert_eq!(subject_of(p, "42.9%").as_deref(), Some("乐道品牌"));
    assert_eq!(subject_of(p, "14.6%").as_deref(), Some("萤火虫品牌"));
    assert_eq!(alarms(p), vec![]);
    let doc = Document::new("c.txt", p.to_string());
    let ex = numcheck::extract::extract(&doc, &Default::default());
    assert!(!ex
        .claims
        .iter()
        .any(|c| doc.slice(c.span).starts_with("36")));
}

#[test]
fn a_ranking_named_in_the_clause_before_a_fenbie_list_orders_it() {
    let clean = "1-10月，装车量排名前三的企业依次为宁德时代、比亚迪和中创新航，\
                 装车量分别为248.6GWh、122.3GWh和39.4GWh，占比分别为43.0%、21.2%和6.8%。";
    assert_eq!(alarms(clean), vec![]);
    let flawed = "1-10月，装车量排名前三的企业依次为宁德时代、比亚迪和中创新航，\
                  装车量分别为248.6GWh、39.4GWh和122.3GWh。";
    assert_eq!(
        alarms(flawed),
        vec![("NC108".to_string(), "122.3GWh".to_string())]
    );
    // Figures of another metric than the one ranked are not ordered by the ranking.
    let other =
        "营收排名前三的企业依次为甲公司、乙公司和丙公司，净利润分别为12亿元、30亿元和8亿元。";
    assert_eq!(alarms(other), vec![]);
}
