/* envsubst.c - Flux's postBuild variable substitution; see envsubst.h.
 *
 * Flux's engine (a fork of drone/envsubst) is a hand-written scanner whose
 * quirks decide what users' manifests render to, so the scanner here keeps
 * its exact state model: a read position, the width of the last rune read
 * (unread steps back by it, even after a peek of a different rune), the
 * accepted-rune rule and the token modes.  Escapes are removed from the
 * text as they are scanned, like the Go scanner does.
 *
 * Unicode: variable names accept Unicode letters and digits and the case
 * operators map with Unicode simple case mappings, as Go's unicode package
 * (Unicode 15.0.0) does; the tables below were generated from Debian's
 * unicode-data 15.0.0 UnicodeData.txt and checked code point by code point.
 */
#include "strata/envsubst.h"

#include <stdlib.h>
#include <string.h>

#include "strata/utf8.h"

struct case_run {
	uint32_t lo, hi;
	int32_t up, down;
	/* Upper and lower case letters alternate from lo (an upper one). */
	uint8_t alt;
};

/* Letters (Lu Ll Lt Lm Lo), decimal digits (Nd) and "_", Unicode 15.0.0. */
static const uint32_t ident_ranges[][2] = {
	{0x0030, 0x0039}, {0x0041, 0x005A}, {0x005F, 0x005F}, {0x0061, 0x007A},
	{0x00AA, 0x00AA}, {0x00B5, 0x00B5}, {0x00BA, 0x00BA}, {0x00C0, 0x00D6},
	{0x00D8, 0x00F6}, {0x00F8, 0x02C1}, {0x02C6, 0x02D1}, {0x02E0, 0x02E4},
	{0x02EC, 0x02EC}, {0x02EE, 0x02EE}, {0x0370, 0x0374}, {0x0376, 0x0377},
	{0x037A, 0x037D}, {0x037F, 0x037F}, {0x0386, 0x0386}, {0x0388, 0x038A},
	{0x038C, 0x038C}, {0x038E, 0x03A1}, {0x03A3, 0x03F5}, {0x03F7, 0x0481},
	{0x048A, 0x052F}, {0x0531, 0x0556}, {0x0559, 0x0559}, {0x0560, 0x0588},
	{0x05D0, 0x05EA}, {0x05EF, 0x05F2}, {0x0620, 0x064A}, {0x0660, 0x0669},
	{0x066E, 0x066F}, {0x0671, 0x06D3}, {0x06D5, 0x06D5}, {0x06E5, 0x06E6},
	{0x06EE, 0x06FC}, {0x06FF, 0x06FF}, {0x0710, 0x0710}, {0x0712, 0x072F},
	{0x074D, 0x07A5}, {0x07B1, 0x07B1}, {0x07C0, 0x07EA}, {0x07F4, 0x07F5},
	{0x07FA, 0x07FA}, {0x0800, 0x0815}, {0x081A, 0x081A}, {0x0824, 0x0824},
	{0x0828, 0x0828}, {0x0840, 0x0858}, {0x0860, 0x086A}, {0x0870, 0x0887},
	{0x0889, 0x088E}, {0x08A0, 0x08C9}, {0x0904, 0x0939}, {0x093D, 0x093D},
	{0x0950, 0x0950}, {0x0958, 0x0961}, {0x0966, 0x096F}, {0x0971, 0x0980},
	{0x0985, 0x098C}, {0x098F, 0x0990}, {0x0993, 0x09A8}, {0x09AA, 0x09B0},
	{0x09B2, 0x09B2}, {0x09B6, 0x09B9}, {0x09BD, 0x09BD}, {0x09CE, 0x09CE},
	{0x09DC, 0x09DD}, {0x09DF, 0x09E1}, {0x09E6, 0x09F1}, {0x09FC, 0x09FC},
	{0x0A05, 0x0A0A}, {0x0A0F, 0x0A10}, {0x0A13, 0x0A28}, {0x0A2A, 0x0A30},
	{0x0A32, 0x0A33}, {0x0A35, 0x0A36}, {0x0A38, 0x0A39}, {0x0A59, 0x0A5C},
	{0x0A5E, 0x0A5E}, {0x0A66, 0x0A6F}, {0x0A72, 0x0A74}, {0x0A85, 0x0A8D},
	{0x0A8F, 0x0A91}, {0x0A93, 0x0AA8}, {0x0AAA, 0x0AB0}, {0x0AB2, 0x0AB3},
	{0x0AB5, 0x0AB9}, {0x0ABD, 0x0ABD}, {0x0AD0, 0x0AD0}, {0x0AE0, 0x0AE1},
	{0x0AE6, 0x0AEF}, {0x0AF9, 0x0AF9}, {0x0B05, 0x0B0C}, {0x0B0F, 0x0B10},
	{0x0B13, 0x0B28}, {0x0B2A, 0x0B30}, {0x0B32, 0x0B33}, {0x0B35, 0x0B39},
	{0x0B3D, 0x0B3D}, {0x0B5C, 0x0B5D}, {0x0B5F, 0x0B61}, {0x0B66, 0x0B6F},
	{0x0B71, 0x0B71}, {0x0B83, 0x0B83}, {0x0B85, 0x0B8A}, {0x0B8E, 0x0B90},
	{0x0B92, 0x0B95}, {0x0B99, 0x0B9A}, {0x0B9C, 0x0B9C}, {0x0B9E, 0x0B9F},
	{0x0BA3, 0x0BA4}, {0x0BA8, 0x0BAA}, {0x0BAE, 0x0BB9}, {0x0BD0, 0x0BD0},
	{0x0BE6, 0x0BEF}, {0x0C05, 0x0C0C}, {0x0C0E, 0x0C10}, {0x0C12, 0x0C28},
	{0x0C2A, 0x0C39}, {0x0C3D, 0x0C3D}, {0x0C58, 0x0C5A}, {0x0C5D, 0x0C5D},
	{0x0C60, 0x0C61}, {0x0C66, 0x0C6F}, {0x0C80, 0x0C80}, {0x0C85, 0x0C8C},
	{0x0C8E, 0x0C90}, {0x0C92, 0x0CA8}, {0x0CAA, 0x0CB3}, {0x0CB5, 0x0CB9},
	{0x0CBD, 0x0CBD}, {0x0CDD, 0x0CDE}, {0x0CE0, 0x0CE1}, {0x0CE6, 0x0CEF},
	{0x0CF1, 0x0CF2}, {0x0D04, 0x0D0C}, {0x0D0E, 0x0D10}, {0x0D12, 0x0D3A},
	{0x0D3D, 0x0D3D}, {0x0D4E, 0x0D4E}, {0x0D54, 0x0D56}, {0x0D5F, 0x0D61},
	{0x0D66, 0x0D6F}, {0x0D7A, 0x0D7F}, {0x0D85, 0x0D96}, {0x0D9A, 0x0DB1},
	{0x0DB3, 0x0DBB}, {0x0DBD, 0x0DBD}, {0x0DC0, 0x0DC6}, {0x0DE6, 0x0DEF},
	{0x0E01, 0x0E30}, {0x0E32, 0x0E33}, {0x0E40, 0x0E46}, {0x0E50, 0x0E59},
	{0x0E81, 0x0E82}, {0x0E84, 0x0E84}, {0x0E86, 0x0E8A}, {0x0E8C, 0x0EA3},
	{0x0EA5, 0x0EA5}, {0x0EA7, 0x0EB0}, {0x0EB2, 0x0EB3}, {0x0EBD, 0x0EBD},
	{0x0EC0, 0x0EC4}, {0x0EC6, 0x0EC6}, {0x0ED0, 0x0ED9}, {0x0EDC, 0x0EDF},
	{0x0F00, 0x0F00}, {0x0F20, 0x0F29}, {0x0F40, 0x0F47}, {0x0F49, 0x0F6C},
	{0x0F88, 0x0F8C}, {0x1000, 0x102A}, {0x103F, 0x1049}, {0x1050, 0x1055},
	{0x105A, 0x105D}, {0x1061, 0x1061}, {0x1065, 0x1066}, {0x106E, 0x1070},
	{0x1075, 0x1081}, {0x108E, 0x108E}, {0x1090, 0x1099}, {0x10A0, 0x10C5},
	{0x10C7, 0x10C7}, {0x10CD, 0x10CD}, {0x10D0, 0x10FA}, {0x10FC, 0x1248},
	{0x124A, 0x124D}, {0x1250, 0x1256}, {0x1258, 0x1258}, {0x125A, 0x125D},
	{0x1260, 0x1288}, {0x128A, 0x128D}, {0x1290, 0x12B0}, {0x12B2, 0x12B5},
	{0x12B8, 0x12BE}, {0x12C0, 0x12C0}, {0x12C2, 0x12C5}, {0x12C8, 0x12D6},
	{0x12D8, 0x1310}, {0x1312, 0x1315}, {0x1318, 0x135A}, {0x1380, 0x138F},
	{0x13A0, 0x13F5}, {0x13F8, 0x13FD}, {0x1401, 0x166C}, {0x166F, 0x167F},
	{0x1681, 0x169A}, {0x16A0, 0x16EA}, {0x16F1, 0x16F8}, {0x1700, 0x1711},
	{0x171F, 0x1731}, {0x1740, 0x1751}, {0x1760, 0x176C}, {0x176E, 0x1770},
	{0x1780, 0x17B3}, {0x17D7, 0x17D7}, {0x17DC, 0x17DC}, {0x17E0, 0x17E9},
	{0x1810, 0x1819}, {0x1820, 0x1878}, {0x1880, 0x1884}, {0x1887, 0x18A8},
	{0x18AA, 0x18AA}, {0x18B0, 0x18F5}, {0x1900, 0x191E}, {0x1946, 0x196D},
	{0x1970, 0x1974}, {0x1980, 0x19AB}, {0x19B0, 0x19C9}, {0x19D0, 0x19D9},
	{0x1A00, 0x1A16}, {0x1A20, 0x1A54}, {0x1A80, 0x1A89}, {0x1A90, 0x1A99},
	{0x1AA7, 0x1AA7}, {0x1B05, 0x1B33}, {0x1B45, 0x1B4C}, {0x1B50, 0x1B59},
	{0x1B83, 0x1BA0}, {0x1BAE, 0x1BE5}, {0x1C00, 0x1C23}, {0x1C40, 0x1C49},
	{0x1C4D, 0x1C7D}, {0x1C80, 0x1C88}, {0x1C90, 0x1CBA}, {0x1CBD, 0x1CBF},
	{0x1CE9, 0x1CEC}, {0x1CEE, 0x1CF3}, {0x1CF5, 0x1CF6}, {0x1CFA, 0x1CFA},
	{0x1D00, 0x1DBF}, {0x1E00, 0x1F15}, {0x1F18, 0x1F1D}, {0x1F20, 0x1F45},
	{0x1F48, 0x1F4D}, {0x1F50, 0x1F57}, {0x1F59, 0x1F59}, {0x1F5B, 0x1F5B},
	{0x1F5D, 0x1F5D}, {0x1F5F, 0x1F7D}, {0x1F80, 0x1FB4}, {0x1FB6, 0x1FBC},
	{0x1FBE, 0x1FBE}, {0x1FC2, 0x1FC4}, {0x1FC6, 0x1FCC}, {0x1FD0, 0x1FD3},
	{0x1FD6, 0x1FDB}, {0x1FE0, 0x1FEC}, {0x1FF2, 0x1FF4}, {0x1FF6, 0x1FFC},
	{0x2071, 0x2071}, {0x207F, 0x207F}, {0x2090, 0x209C}, {0x2102, 0x2102},
	{0x2107, 0x2107}, {0x210A, 0x2113}, {0x2115, 0x2115}, {0x2119, 0x211D},
	{0x2124, 0x2124}, {0x2126, 0x2126}, {0x2128, 0x2128}, {0x212A, 0x212D},
	{0x212F, 0x2139}, {0x213C, 0x213F}, {0x2145, 0x2149}, {0x214E, 0x214E},
	{0x2183, 0x2184}, {0x2C00, 0x2CE4}, {0x2CEB, 0x2CEE}, {0x2CF2, 0x2CF3},
	{0x2D00, 0x2D25}, {0x2D27, 0x2D27}, {0x2D2D, 0x2D2D}, {0x2D30, 0x2D67},
	{0x2D6F, 0x2D6F}, {0x2D80, 0x2D96}, {0x2DA0, 0x2DA6}, {0x2DA8, 0x2DAE},
	{0x2DB0, 0x2DB6}, {0x2DB8, 0x2DBE}, {0x2DC0, 0x2DC6}, {0x2DC8, 0x2DCE},
	{0x2DD0, 0x2DD6}, {0x2DD8, 0x2DDE}, {0x2E2F, 0x2E2F}, {0x3005, 0x3006},
	{0x3031, 0x3035}, {0x303B, 0x303C}, {0x3041, 0x3096}, {0x309D, 0x309F},
	{0x30A1, 0x30FA}, {0x30FC, 0x30FF}, {0x3105, 0x312F}, {0x3131, 0x318E},
	{0x31A0, 0x31BF}, {0x31F0, 0x31FF}, {0x3400, 0x4DBF}, {0x4E00, 0xA48C},
	{0xA4D0, 0xA4FD}, {0xA500, 0xA60C}, {0xA610, 0xA62B}, {0xA640, 0xA66E},
	{0xA67F, 0xA69D}, {0xA6A0, 0xA6E5}, {0xA717, 0xA71F}, {0xA722, 0xA788},
	{0xA78B, 0xA7CA}, {0xA7D0, 0xA7D1}, {0xA7D3, 0xA7D3}, {0xA7D5, 0xA7D9},
	{0xA7F2, 0xA801}, {0xA803, 0xA805}, {0xA807, 0xA80A}, {0xA80C, 0xA822},
	{0xA840, 0xA873}, {0xA882, 0xA8B3}, {0xA8D0, 0xA8D9}, {0xA8F2, 0xA8F7},
	{0xA8FB, 0xA8FB}, {0xA8FD, 0xA8FE}, {0xA900, 0xA925}, {0xA930, 0xA946},
	{0xA960, 0xA97C}, {0xA984, 0xA9B2}, {0xA9CF, 0xA9D9}, {0xA9E0, 0xA9E4},
	{0xA9E6, 0xA9FE}, {0xAA00, 0xAA28}, {0xAA40, 0xAA42}, {0xAA44, 0xAA4B},
	{0xAA50, 0xAA59}, {0xAA60, 0xAA76}, {0xAA7A, 0xAA7A}, {0xAA7E, 0xAAAF},
	{0xAAB1, 0xAAB1}, {0xAAB5, 0xAAB6}, {0xAAB9, 0xAABD}, {0xAAC0, 0xAAC0},
	{0xAAC2, 0xAAC2}, {0xAADB, 0xAADD}, {0xAAE0, 0xAAEA}, {0xAAF2, 0xAAF4},
	{0xAB01, 0xAB06}, {0xAB09, 0xAB0E}, {0xAB11, 0xAB16}, {0xAB20, 0xAB26},
	{0xAB28, 0xAB2E}, {0xAB30, 0xAB5A}, {0xAB5C, 0xAB69}, {0xAB70, 0xABE2},
	{0xABF0, 0xABF9}, {0xAC00, 0xD7A3}, {0xD7B0, 0xD7C6}, {0xD7CB, 0xD7FB},
	{0xF900, 0xFA6D}, {0xFA70, 0xFAD9}, {0xFB00, 0xFB06}, {0xFB13, 0xFB17},
	{0xFB1D, 0xFB1D}, {0xFB1F, 0xFB28}, {0xFB2A, 0xFB36}, {0xFB38, 0xFB3C},
	{0xFB3E, 0xFB3E}, {0xFB40, 0xFB41}, {0xFB43, 0xFB44}, {0xFB46, 0xFBB1},
	{0xFBD3, 0xFD3D}, {0xFD50, 0xFD8F}, {0xFD92, 0xFDC7}, {0xFDF0, 0xFDFB},
	{0xFE70, 0xFE74}, {0xFE76, 0xFEFC}, {0xFF10, 0xFF19}, {0xFF21, 0xFF3A},
	{0xFF41, 0xFF5A}, {0xFF66, 0xFFBE}, {0xFFC2, 0xFFC7}, {0xFFCA, 0xFFCF},
	{0xFFD2, 0xFFD7}, {0xFFDA, 0xFFDC}, {0x10000, 0x1000B}, {0x1000D, 0x10026},
	{0x10028, 0x1003A}, {0x1003C, 0x1003D}, {0x1003F, 0x1004D}, {0x10050, 0x1005D},
	{0x10080, 0x100FA}, {0x10280, 0x1029C}, {0x102A0, 0x102D0}, {0x10300, 0x1031F},
	{0x1032D, 0x10340}, {0x10342, 0x10349}, {0x10350, 0x10375}, {0x10380, 0x1039D},
	{0x103A0, 0x103C3}, {0x103C8, 0x103CF}, {0x10400, 0x1049D}, {0x104A0, 0x104A9},
	{0x104B0, 0x104D3}, {0x104D8, 0x104FB}, {0x10500, 0x10527}, {0x10530, 0x10563},
	{0x10570, 0x1057A}, {0x1057C, 0x1058A}, {0x1058C, 0x10592}, {0x10594, 0x10595},
	{0x10597, 0x105A1}, {0x105A3, 0x105B1}, {0x105B3, 0x105B9}, {0x105BB, 0x105BC},
	{0x10600, 0x10736}, {0x10740, 0x10755}, {0x10760, 0x10767}, {0x10780, 0x10785},
	{0x10787, 0x107B0}, {0x107B2, 0x107BA}, {0x10800, 0x10805}, {0x10808, 0x10808},
	{0x1080A, 0x10835}, {0x10837, 0x10838}, {0x1083C, 0x1083C}, {0x1083F, 0x10855},
	{0x10860, 0x10876}, {0x10880, 0x1089E}, {0x108E0, 0x108F2}, {0x108F4, 0x108F5},
	{0x10900, 0x10915}, {0x10920, 0x10939}, {0x10980, 0x109B7}, {0x109BE, 0x109BF},
	{0x10A00, 0x10A00}, {0x10A10, 0x10A13}, {0x10A15, 0x10A17}, {0x10A19, 0x10A35},
	{0x10A60, 0x10A7C}, {0x10A80, 0x10A9C}, {0x10AC0, 0x10AC7}, {0x10AC9, 0x10AE4},
	{0x10B00, 0x10B35}, {0x10B40, 0x10B55}, {0x10B60, 0x10B72}, {0x10B80, 0x10B91},
	{0x10C00, 0x10C48}, {0x10C80, 0x10CB2}, {0x10CC0, 0x10CF2}, {0x10D00, 0x10D23},
	{0x10D30, 0x10D39}, {0x10E80, 0x10EA9}, {0x10EB0, 0x10EB1}, {0x10F00, 0x10F1C},
	{0x10F27, 0x10F27}, {0x10F30, 0x10F45}, {0x10F70, 0x10F81}, {0x10FB0, 0x10FC4},
	{0x10FE0, 0x10FF6}, {0x11003, 0x11037}, {0x11066, 0x1106F}, {0x11071, 0x11072},
	{0x11075, 0x11075}, {0x11083, 0x110AF}, {0x110D0, 0x110E8}, {0x110F0, 0x110F9},
	{0x11103, 0x11126}, {0x11136, 0x1113F}, {0x11144, 0x11144}, {0x11147, 0x11147},
	{0x11150, 0x11172}, {0x11176, 0x11176}, {0x11183, 0x111B2}, {0x111C1, 0x111C4},
	{0x111D0, 0x111DA}, {0x111DC, 0x111DC}, {0x11200, 0x11211}, {0x11213, 0x1122B},
	{0x1123F, 0x11240}, {0x11280, 0x11286}, {0x11288, 0x11288}, {0x1128A, 0x1128D},
	{0x1128F, 0x1129D}, {0x1129F, 0x112A8}, {0x112B0, 0x112DE}, {0x112F0, 0x112F9},
	{0x11305, 0x1130C}, {0x1130F, 0x11310}, {0x11313, 0x11328}, {0x1132A, 0x11330},
	{0x11332, 0x11333}, {0x11335, 0x11339}, {0x1133D, 0x1133D}, {0x11350, 0x11350},
	{0x1135D, 0x11361}, {0x11400, 0x11434}, {0x11447, 0x1144A}, {0x11450, 0x11459},
	{0x1145F, 0x11461}, {0x11480, 0x114AF}, {0x114C4, 0x114C5}, {0x114C7, 0x114C7},
	{0x114D0, 0x114D9}, {0x11580, 0x115AE}, {0x115D8, 0x115DB}, {0x11600, 0x1162F},
	{0x11644, 0x11644}, {0x11650, 0x11659}, {0x11680, 0x116AA}, {0x116B8, 0x116B8},
	{0x116C0, 0x116C9}, {0x11700, 0x1171A}, {0x11730, 0x11739}, {0x11740, 0x11746},
	{0x11800, 0x1182B}, {0x118A0, 0x118E9}, {0x118FF, 0x11906}, {0x11909, 0x11909},
	{0x1190C, 0x11913}, {0x11915, 0x11916}, {0x11918, 0x1192F}, {0x1193F, 0x1193F},
	{0x11941, 0x11941}, {0x11950, 0x11959}, {0x119A0, 0x119A7}, {0x119AA, 0x119D0},
	{0x119E1, 0x119E1}, {0x119E3, 0x119E3}, {0x11A00, 0x11A00}, {0x11A0B, 0x11A32},
	{0x11A3A, 0x11A3A}, {0x11A50, 0x11A50}, {0x11A5C, 0x11A89}, {0x11A9D, 0x11A9D},
	{0x11AB0, 0x11AF8}, {0x11C00, 0x11C08}, {0x11C0A, 0x11C2E}, {0x11C40, 0x11C40},
	{0x11C50, 0x11C59}, {0x11C72, 0x11C8F}, {0x11D00, 0x11D06}, {0x11D08, 0x11D09},
	{0x11D0B, 0x11D30}, {0x11D46, 0x11D46}, {0x11D50, 0x11D59}, {0x11D60, 0x11D65},
	{0x11D67, 0x11D68}, {0x11D6A, 0x11D89}, {0x11D98, 0x11D98}, {0x11DA0, 0x11DA9},
	{0x11EE0, 0x11EF2}, {0x11F02, 0x11F02}, {0x11F04, 0x11F10}, {0x11F12, 0x11F33},
	{0x11F50, 0x11F59}, {0x11FB0, 0x11FB0}, {0x12000, 0x12399}, {0x12480, 0x12543},
	{0x12F90, 0x12FF0}, {0x13000, 0x1342F}, {0x13441, 0x13446}, {0x14400, 0x14646},
	{0x16800, 0x16A38}, {0x16A40, 0x16A5E}, {0x16A60, 0x16A69}, {0x16A70, 0x16ABE},
	{0x16AC0, 0x16AC9}, {0x16AD0, 0x16AED}, {0x16B00, 0x16B2F}, {0x16B40, 0x16B43},
	{0x16B50, 0x16B59}, {0x16B63, 0x16B77}, {0x16B7D, 0x16B8F}, {0x16E40, 0x16E7F},
	{0x16F00, 0x16F4A}, {0x16F50, 0x16F50}, {0x16F93, 0x16F9F}, {0x16FE0, 0x16FE1},
	{0x16FE3, 0x16FE3}, {0x17000, 0x187F7}, {0x18800, 0x18CD5}, {0x18D00, 0x18D08},
	{0x1AFF0, 0x1AFF3}, {0x1AFF5, 0x1AFFB}, {0x1AFFD, 0x1AFFE}, {0x1B000, 0x1B122},
	{0x1B132, 0x1B132}, {0x1B150, 0x1B152}, {0x1B155, 0x1B155}, {0x1B164, 0x1B167},
	{0x1B170, 0x1B2FB}, {0x1BC00, 0x1BC6A}, {0x1BC70, 0x1BC7C}, {0x1BC80, 0x1BC88},
	{0x1BC90, 0x1BC99}, {0x1D400, 0x1D454}, {0x1D456, 0x1D49C}, {0x1D49E, 0x1D49F},
	{0x1D4A2, 0x1D4A2}, {0x1D4A5, 0x1D4A6}, {0x1D4A9, 0x1D4AC}, {0x1D4AE, 0x1D4B9},
	{0x1D4BB, 0x1D4BB}, {0x1D4BD, 0x1D4C3}, {0x1D4C5, 0x1D505}, {0x1D507, 0x1D50A},
	{0x1D50D, 0x1D514}, {0x1D516, 0x1D51C}, {0x1D51E, 0x1D539}, {0x1D53B, 0x1D53E},
	{0x1D540, 0x1D544}, {0x1D546, 0x1D546}, {0x1D54A, 0x1D550}, {0x1D552, 0x1D6A5},
	{0x1D6A8, 0x1D6C0}, {0x1D6C2, 0x1D6DA}, {0x1D6DC, 0x1D6FA}, {0x1D6FC, 0x1D714},
	{0x1D716, 0x1D734}, {0x1D736, 0x1D74E}, {0x1D750, 0x1D76E}, {0x1D770, 0x1D788},
	{0x1D78A, 0x1D7A8}, {0x1D7AA, 0x1D7C2}, {0x1D7C4, 0x1D7CB}, {0x1D7CE, 0x1D7FF},
	{0x1DF00, 0x1DF1E}, {0x1DF25, 0x1DF2A}, {0x1E030, 0x1E06D}, {0x1E100, 0x1E12C},
	{0x1E137, 0x1E13D}, {0x1E140, 0x1E149}, {0x1E14E, 0x1E14E}, {0x1E290, 0x1E2AD},
	{0x1E2C0, 0x1E2EB}, {0x1E2F0, 0x1E2F9}, {0x1E4D0, 0x1E4EB}, {0x1E4F0, 0x1E4F9},
	{0x1E7E0, 0x1E7E6}, {0x1E7E8, 0x1E7EB}, {0x1E7ED, 0x1E7EE}, {0x1E7F0, 0x1E7FE},
	{0x1E800, 0x1E8C4}, {0x1E900, 0x1E943}, {0x1E94B, 0x1E94B}, {0x1E950, 0x1E959},
	{0x1EE00, 0x1EE03}, {0x1EE05, 0x1EE1F}, {0x1EE21, 0x1EE22}, {0x1EE24, 0x1EE24},
	{0x1EE27, 0x1EE27}, {0x1EE29, 0x1EE32}, {0x1EE34, 0x1EE37}, {0x1EE39, 0x1EE39},
	{0x1EE3B, 0x1EE3B}, {0x1EE42, 0x1EE42}, {0x1EE47, 0x1EE47}, {0x1EE49, 0x1EE49},
	{0x1EE4B, 0x1EE4B}, {0x1EE4D, 0x1EE4F}, {0x1EE51, 0x1EE52}, {0x1EE54, 0x1EE54},
	{0x1EE57, 0x1EE57}, {0x1EE59, 0x1EE59}, {0x1EE5B, 0x1EE5B}, {0x1EE5D, 0x1EE5D},
	{0x1EE5F, 0x1EE5F}, {0x1EE61, 0x1EE62}, {0x1EE64, 0x1EE64}, {0x1EE67, 0x1EE6A},
	{0x1EE6C, 0x1EE72}, {0x1EE74, 0x1EE77}, {0x1EE79, 0x1EE7C}, {0x1EE7E, 0x1EE7E},
	{0x1EE80, 0x1EE89}, {0x1EE8B, 0x1EE9B}, {0x1EEA1, 0x1EEA3}, {0x1EEA5, 0x1EEA9},
	{0x1EEAB, 0x1EEBB}, {0x1FBF0, 0x1FBF9}, {0x20000, 0x2A6DF}, {0x2A700, 0x2B739},
	{0x2B740, 0x2B81D}, {0x2B820, 0x2CEA1}, {0x2CEB0, 0x2EBE0}, {0x2F800, 0x2FA1D},
	{0x30000, 0x3134A}, {0x31350, 0x323AF},
};

/* Simple case mappings: lo, hi, upper delta, lower delta, alternating. */
static const struct case_run case_runs[] = {
	{0x0041, 0x005A, 0, 32, 0}, {0x0061, 0x007A, -32, 0, 0}, {0x00B5, 0x00B5, 743, 0, 0},
	{0x00C0, 0x00D6, 0, 32, 0}, {0x00D8, 0x00DE, 0, 32, 0}, {0x00E0, 0x00F6, -32, 0, 0},
	{0x00F8, 0x00FE, -32, 0, 0}, {0x00FF, 0x00FF, 121, 0, 0}, {0x0100, 0x012F, 0, 0, 1},
	{0x0130, 0x0130, 0, -199, 0}, {0x0131, 0x0131, -232, 0, 0}, {0x0132, 0x0137, 0, 0, 1},
	{0x0139, 0x0148, 0, 0, 1}, {0x014A, 0x0177, 0, 0, 1}, {0x0178, 0x0178, 0, -121, 0},
	{0x0179, 0x017E, 0, 0, 1}, {0x017F, 0x017F, -300, 0, 0}, {0x0180, 0x0180, 195, 0, 0},
	{0x0181, 0x0181, 0, 210, 0}, {0x0182, 0x0185, 0, 0, 1}, {0x0186, 0x0186, 0, 206, 0},
	{0x0187, 0x0187, 0, 1, 0}, {0x0188, 0x0188, -1, 0, 0}, {0x0189, 0x018A, 0, 205, 0},
	{0x018B, 0x018B, 0, 1, 0}, {0x018C, 0x018C, -1, 0, 0}, {0x018E, 0x018E, 0, 79, 0},
	{0x018F, 0x018F, 0, 202, 0}, {0x0190, 0x0190, 0, 203, 0}, {0x0191, 0x0191, 0, 1, 0},
	{0x0192, 0x0192, -1, 0, 0}, {0x0193, 0x0193, 0, 205, 0}, {0x0194, 0x0194, 0, 207, 0},
	{0x0195, 0x0195, 97, 0, 0}, {0x0196, 0x0196, 0, 211, 0}, {0x0197, 0x0197, 0, 209, 0},
	{0x0198, 0x0198, 0, 1, 0}, {0x0199, 0x0199, -1, 0, 0}, {0x019A, 0x019A, 163, 0, 0},
	{0x019C, 0x019C, 0, 211, 0}, {0x019D, 0x019D, 0, 213, 0}, {0x019E, 0x019E, 130, 0, 0},
	{0x019F, 0x019F, 0, 214, 0}, {0x01A0, 0x01A5, 0, 0, 1}, {0x01A6, 0x01A6, 0, 218, 0},
	{0x01A7, 0x01A7, 0, 1, 0}, {0x01A8, 0x01A8, -1, 0, 0}, {0x01A9, 0x01A9, 0, 218, 0},
	{0x01AC, 0x01AC, 0, 1, 0}, {0x01AD, 0x01AD, -1, 0, 0}, {0x01AE, 0x01AE, 0, 218, 0},
	{0x01AF, 0x01AF, 0, 1, 0}, {0x01B0, 0x01B0, -1, 0, 0}, {0x01B1, 0x01B2, 0, 217, 0},
	{0x01B3, 0x01B6, 0, 0, 1}, {0x01B7, 0x01B7, 0, 219, 0}, {0x01B8, 0x01B8, 0, 1, 0},
	{0x01B9, 0x01B9, -1, 0, 0}, {0x01BC, 0x01BC, 0, 1, 0}, {0x01BD, 0x01BD, -1, 0, 0},
	{0x01BF, 0x01BF, 56, 0, 0}, {0x01C4, 0x01C4, 0, 2, 0}, {0x01C5, 0x01C5, -1, 1, 0},
	{0x01C6, 0x01C6, -2, 0, 0}, {0x01C7, 0x01C7, 0, 2, 0}, {0x01C8, 0x01C8, -1, 1, 0},
	{0x01C9, 0x01C9, -2, 0, 0}, {0x01CA, 0x01CA, 0, 2, 0}, {0x01CB, 0x01CB, -1, 1, 0},
	{0x01CC, 0x01CC, -2, 0, 0}, {0x01CD, 0x01DC, 0, 0, 1}, {0x01DD, 0x01DD, -79, 0, 0},
	{0x01DE, 0x01EF, 0, 0, 1}, {0x01F1, 0x01F1, 0, 2, 0}, {0x01F2, 0x01F2, -1, 1, 0},
	{0x01F3, 0x01F3, -2, 0, 0}, {0x01F4, 0x01F4, 0, 1, 0}, {0x01F5, 0x01F5, -1, 0, 0},
	{0x01F6, 0x01F6, 0, -97, 0}, {0x01F7, 0x01F7, 0, -56, 0}, {0x01F8, 0x021F, 0, 0, 1},
	{0x0220, 0x0220, 0, -130, 0}, {0x0222, 0x0233, 0, 0, 1}, {0x023A, 0x023A, 0, 10795, 0},
	{0x023B, 0x023B, 0, 1, 0}, {0x023C, 0x023C, -1, 0, 0}, {0x023D, 0x023D, 0, -163, 0},
	{0x023E, 0x023E, 0, 10792, 0}, {0x023F, 0x0240, 10815, 0, 0}, {0x0241, 0x0241, 0, 1, 0},
	{0x0242, 0x0242, -1, 0, 0}, {0x0243, 0x0243, 0, -195, 0}, {0x0244, 0x0244, 0, 69, 0},
	{0x0245, 0x0245, 0, 71, 0}, {0x0246, 0x024F, 0, 0, 1}, {0x0250, 0x0250, 10783, 0, 0},
	{0x0251, 0x0251, 10780, 0, 0}, {0x0252, 0x0252, 10782, 0, 0}, {0x0253, 0x0253, -210, 0, 0},
	{0x0254, 0x0254, -206, 0, 0}, {0x0256, 0x0257, -205, 0, 0}, {0x0259, 0x0259, -202, 0, 0},
	{0x025B, 0x025B, -203, 0, 0}, {0x025C, 0x025C, 42319, 0, 0}, {0x0260, 0x0260, -205, 0, 0},
	{0x0261, 0x0261, 42315, 0, 0}, {0x0263, 0x0263, -207, 0, 0}, {0x0265, 0x0265, 42280, 0, 0},
	{0x0266, 0x0266, 42308, 0, 0}, {0x0268, 0x0268, -209, 0, 0}, {0x0269, 0x0269, -211, 0, 0},
	{0x026A, 0x026A, 42308, 0, 0}, {0x026B, 0x026B, 10743, 0, 0}, {0x026C, 0x026C, 42305, 0, 0},
	{0x026F, 0x026F, -211, 0, 0}, {0x0271, 0x0271, 10749, 0, 0}, {0x0272, 0x0272, -213, 0, 0},
	{0x0275, 0x0275, -214, 0, 0}, {0x027D, 0x027D, 10727, 0, 0}, {0x0280, 0x0280, -218, 0, 0},
	{0x0282, 0x0282, 42307, 0, 0}, {0x0283, 0x0283, -218, 0, 0}, {0x0287, 0x0287, 42282, 0, 0},
	{0x0288, 0x0288, -218, 0, 0}, {0x0289, 0x0289, -69, 0, 0}, {0x028A, 0x028B, -217, 0, 0},
	{0x028C, 0x028C, -71, 0, 0}, {0x0292, 0x0292, -219, 0, 0}, {0x029D, 0x029D, 42261, 0, 0},
	{0x029E, 0x029E, 42258, 0, 0}, {0x0345, 0x0345, 84, 0, 0}, {0x0370, 0x0373, 0, 0, 1},
	{0x0376, 0x0376, 0, 1, 0}, {0x0377, 0x0377, -1, 0, 0}, {0x037B, 0x037D, 130, 0, 0},
	{0x037F, 0x037F, 0, 116, 0}, {0x0386, 0x0386, 0, 38, 0}, {0x0388, 0x038A, 0, 37, 0},
	{0x038C, 0x038C, 0, 64, 0}, {0x038E, 0x038F, 0, 63, 0}, {0x0391, 0x03A1, 0, 32, 0},
	{0x03A3, 0x03AB, 0, 32, 0}, {0x03AC, 0x03AC, -38, 0, 0}, {0x03AD, 0x03AF, -37, 0, 0},
	{0x03B1, 0x03C1, -32, 0, 0}, {0x03C2, 0x03C2, -31, 0, 0}, {0x03C3, 0x03CB, -32, 0, 0},
	{0x03CC, 0x03CC, -64, 0, 0}, {0x03CD, 0x03CE, -63, 0, 0}, {0x03CF, 0x03CF, 0, 8, 0},
	{0x03D0, 0x03D0, -62, 0, 0}, {0x03D1, 0x03D1, -57, 0, 0}, {0x03D5, 0x03D5, -47, 0, 0},
	{0x03D6, 0x03D6, -54, 0, 0}, {0x03D7, 0x03D7, -8, 0, 0}, {0x03D8, 0x03EF, 0, 0, 1},
	{0x03F0, 0x03F0, -86, 0, 0}, {0x03F1, 0x03F1, -80, 0, 0}, {0x03F2, 0x03F2, 7, 0, 0},
	{0x03F3, 0x03F3, -116, 0, 0}, {0x03F4, 0x03F4, 0, -60, 0}, {0x03F5, 0x03F5, -96, 0, 0},
	{0x03F7, 0x03F7, 0, 1, 0}, {0x03F8, 0x03F8, -1, 0, 0}, {0x03F9, 0x03F9, 0, -7, 0},
	{0x03FA, 0x03FA, 0, 1, 0}, {0x03FB, 0x03FB, -1, 0, 0}, {0x03FD, 0x03FF, 0, -130, 0},
	{0x0400, 0x040F, 0, 80, 0}, {0x0410, 0x042F, 0, 32, 0}, {0x0430, 0x044F, -32, 0, 0},
	{0x0450, 0x045F, -80, 0, 0}, {0x0460, 0x0481, 0, 0, 1}, {0x048A, 0x04BF, 0, 0, 1},
	{0x04C0, 0x04C0, 0, 15, 0}, {0x04C1, 0x04CE, 0, 0, 1}, {0x04CF, 0x04CF, -15, 0, 0},
	{0x04D0, 0x052F, 0, 0, 1}, {0x0531, 0x0556, 0, 48, 0}, {0x0561, 0x0586, -48, 0, 0},
	{0x10A0, 0x10C5, 0, 7264, 0}, {0x10C7, 0x10C7, 0, 7264, 0}, {0x10CD, 0x10CD, 0, 7264, 0},
	{0x10D0, 0x10FA, 3008, 0, 0}, {0x10FD, 0x10FF, 3008, 0, 0}, {0x13A0, 0x13EF, 0, 38864, 0},
	{0x13F0, 0x13F5, 0, 8, 0}, {0x13F8, 0x13FD, -8, 0, 0}, {0x1C80, 0x1C80, -6254, 0, 0},
	{0x1C81, 0x1C81, -6253, 0, 0}, {0x1C82, 0x1C82, -6244, 0, 0}, {0x1C83, 0x1C84, -6242, 0, 0},
	{0x1C85, 0x1C85, -6243, 0, 0}, {0x1C86, 0x1C86, -6236, 0, 0}, {0x1C87, 0x1C87, -6181, 0, 0},
	{0x1C88, 0x1C88, 35266, 0, 0}, {0x1C90, 0x1CBA, 0, -3008, 0}, {0x1CBD, 0x1CBF, 0, -3008, 0},
	{0x1D79, 0x1D79, 35332, 0, 0}, {0x1D7D, 0x1D7D, 3814, 0, 0}, {0x1D8E, 0x1D8E, 35384, 0, 0},
	{0x1E00, 0x1E95, 0, 0, 1}, {0x1E9B, 0x1E9B, -59, 0, 0}, {0x1E9E, 0x1E9E, 0, -7615, 0},
	{0x1EA0, 0x1EFF, 0, 0, 1}, {0x1F00, 0x1F07, 8, 0, 0}, {0x1F08, 0x1F0F, 0, -8, 0},
	{0x1F10, 0x1F15, 8, 0, 0}, {0x1F18, 0x1F1D, 0, -8, 0}, {0x1F20, 0x1F27, 8, 0, 0},
	{0x1F28, 0x1F2F, 0, -8, 0}, {0x1F30, 0x1F37, 8, 0, 0}, {0x1F38, 0x1F3F, 0, -8, 0},
	{0x1F40, 0x1F45, 8, 0, 0}, {0x1F48, 0x1F4D, 0, -8, 0}, {0x1F51, 0x1F51, 8, 0, 0},
	{0x1F53, 0x1F53, 8, 0, 0}, {0x1F55, 0x1F55, 8, 0, 0}, {0x1F57, 0x1F57, 8, 0, 0},
	{0x1F59, 0x1F59, 0, -8, 0}, {0x1F5B, 0x1F5B, 0, -8, 0}, {0x1F5D, 0x1F5D, 0, -8, 0},
	{0x1F5F, 0x1F5F, 0, -8, 0}, {0x1F60, 0x1F67, 8, 0, 0}, {0x1F68, 0x1F6F, 0, -8, 0},
	{0x1F70, 0x1F71, 74, 0, 0}, {0x1F72, 0x1F75, 86, 0, 0}, {0x1F76, 0x1F77, 100, 0, 0},
	{0x1F78, 0x1F79, 128, 0, 0}, {0x1F7A, 0x1F7B, 112, 0, 0}, {0x1F7C, 0x1F7D, 126, 0, 0},
	{0x1F80, 0x1F87, 8, 0, 0}, {0x1F88, 0x1F8F, 0, -8, 0}, {0x1F90, 0x1F97, 8, 0, 0},
	{0x1F98, 0x1F9F, 0, -8, 0}, {0x1FA0, 0x1FA7, 8, 0, 0}, {0x1FA8, 0x1FAF, 0, -8, 0},
	{0x1FB0, 0x1FB1, 8, 0, 0}, {0x1FB3, 0x1FB3, 9, 0, 0}, {0x1FB8, 0x1FB9, 0, -8, 0},
	{0x1FBA, 0x1FBB, 0, -74, 0}, {0x1FBC, 0x1FBC, 0, -9, 0}, {0x1FBE, 0x1FBE, -7205, 0, 0},
	{0x1FC3, 0x1FC3, 9, 0, 0}, {0x1FC8, 0x1FCB, 0, -86, 0}, {0x1FCC, 0x1FCC, 0, -9, 0},
	{0x1FD0, 0x1FD1, 8, 0, 0}, {0x1FD8, 0x1FD9, 0, -8, 0}, {0x1FDA, 0x1FDB, 0, -100, 0},
	{0x1FE0, 0x1FE1, 8, 0, 0}, {0x1FE5, 0x1FE5, 7, 0, 0}, {0x1FE8, 0x1FE9, 0, -8, 0},
	{0x1FEA, 0x1FEB, 0, -112, 0}, {0x1FEC, 0x1FEC, 0, -7, 0}, {0x1FF3, 0x1FF3, 9, 0, 0},
	{0x1FF8, 0x1FF9, 0, -128, 0}, {0x1FFA, 0x1FFB, 0, -126, 0}, {0x1FFC, 0x1FFC, 0, -9, 0},
	{0x2126, 0x2126, 0, -7517, 0}, {0x212A, 0x212A, 0, -8383, 0}, {0x212B, 0x212B, 0, -8262, 0},
	{0x2132, 0x2132, 0, 28, 0}, {0x214E, 0x214E, -28, 0, 0}, {0x2160, 0x216F, 0, 16, 0},
	{0x2170, 0x217F, -16, 0, 0}, {0x2183, 0x2183, 0, 1, 0}, {0x2184, 0x2184, -1, 0, 0},
	{0x24B6, 0x24CF, 0, 26, 0}, {0x24D0, 0x24E9, -26, 0, 0}, {0x2C00, 0x2C2F, 0, 48, 0},
	{0x2C30, 0x2C5F, -48, 0, 0}, {0x2C60, 0x2C60, 0, 1, 0}, {0x2C61, 0x2C61, -1, 0, 0},
	{0x2C62, 0x2C62, 0, -10743, 0}, {0x2C63, 0x2C63, 0, -3814, 0}, {0x2C64, 0x2C64, 0, -10727, 0},
	{0x2C65, 0x2C65, -10795, 0, 0}, {0x2C66, 0x2C66, -10792, 0, 0}, {0x2C67, 0x2C6C, 0, 0, 1},
	{0x2C6D, 0x2C6D, 0, -10780, 0}, {0x2C6E, 0x2C6E, 0, -10749, 0}, {0x2C6F, 0x2C6F, 0, -10783, 0},
	{0x2C70, 0x2C70, 0, -10782, 0}, {0x2C72, 0x2C72, 0, 1, 0}, {0x2C73, 0x2C73, -1, 0, 0},
	{0x2C75, 0x2C75, 0, 1, 0}, {0x2C76, 0x2C76, -1, 0, 0}, {0x2C7E, 0x2C7F, 0, -10815, 0},
	{0x2C80, 0x2CE3, 0, 0, 1}, {0x2CEB, 0x2CEE, 0, 0, 1}, {0x2CF2, 0x2CF2, 0, 1, 0},
	{0x2CF3, 0x2CF3, -1, 0, 0}, {0x2D00, 0x2D25, -7264, 0, 0}, {0x2D27, 0x2D27, -7264, 0, 0},
	{0x2D2D, 0x2D2D, -7264, 0, 0}, {0xA640, 0xA66D, 0, 0, 1}, {0xA680, 0xA69B, 0, 0, 1},
	{0xA722, 0xA72F, 0, 0, 1}, {0xA732, 0xA76F, 0, 0, 1}, {0xA779, 0xA77C, 0, 0, 1},
	{0xA77D, 0xA77D, 0, -35332, 0}, {0xA77E, 0xA787, 0, 0, 1}, {0xA78B, 0xA78B, 0, 1, 0},
	{0xA78C, 0xA78C, -1, 0, 0}, {0xA78D, 0xA78D, 0, -42280, 0}, {0xA790, 0xA793, 0, 0, 1},
	{0xA794, 0xA794, 48, 0, 0}, {0xA796, 0xA7A9, 0, 0, 1}, {0xA7AA, 0xA7AA, 0, -42308, 0},
	{0xA7AB, 0xA7AB, 0, -42319, 0}, {0xA7AC, 0xA7AC, 0, -42315, 0}, {0xA7AD, 0xA7AD, 0, -42305, 0},
	{0xA7AE, 0xA7AE, 0, -42308, 0}, {0xA7B0, 0xA7B0, 0, -42258, 0}, {0xA7B1, 0xA7B1, 0, -42282, 0},
	{0xA7B2, 0xA7B2, 0, -42261, 0}, {0xA7B3, 0xA7B3, 0, 928, 0}, {0xA7B4, 0xA7C3, 0, 0, 1},
	{0xA7C4, 0xA7C4, 0, -48, 0}, {0xA7C5, 0xA7C5, 0, -42307, 0}, {0xA7C6, 0xA7C6, 0, -35384, 0},
	{0xA7C7, 0xA7CA, 0, 0, 1}, {0xA7D0, 0xA7D0, 0, 1, 0}, {0xA7D1, 0xA7D1, -1, 0, 0},
	{0xA7D6, 0xA7D9, 0, 0, 1}, {0xA7F5, 0xA7F5, 0, 1, 0}, {0xA7F6, 0xA7F6, -1, 0, 0},
	{0xAB53, 0xAB53, -928, 0, 0}, {0xAB70, 0xABBF, -38864, 0, 0}, {0xFF21, 0xFF3A, 0, 32, 0},
	{0xFF41, 0xFF5A, -32, 0, 0}, {0x10400, 0x10427, 0, 40, 0}, {0x10428, 0x1044F, -40, 0, 0},
	{0x104B0, 0x104D3, 0, 40, 0}, {0x104D8, 0x104FB, -40, 0, 0}, {0x10570, 0x1057A, 0, 39, 0},
	{0x1057C, 0x1058A, 0, 39, 0}, {0x1058C, 0x10592, 0, 39, 0}, {0x10594, 0x10595, 0, 39, 0},
	{0x10597, 0x105A1, -39, 0, 0}, {0x105A3, 0x105B1, -39, 0, 0}, {0x105B3, 0x105B9, -39, 0, 0},
	{0x105BB, 0x105BC, -39, 0, 0}, {0x10C80, 0x10CB2, 0, 64, 0}, {0x10CC0, 0x10CF2, -64, 0, 0},
	{0x118A0, 0x118BF, 0, 32, 0}, {0x118C0, 0x118DF, -32, 0, 0}, {0x16E40, 0x16E5F, 0, 32, 0},
	{0x16E60, 0x16E7F, -32, 0, 0}, {0x1E900, 0x1E921, 0, 34, 0}, {0x1E922, 0x1E943, -34, 0, 0},
};

#define RUNE_ERROR 0xFFFDu
/* Go's scanner uses rune 0 as its end-of-input marker, so a NUL byte in
 * the text ends it just the same. */
#define EOF_RUNE 0u
/* Go has no nesting limit; C's stack does. */
#define MAX_DEPTH 1000

/* ---- runes ---- */

/* utf8.DecodeRuneInString: an invalid byte reads as U+FFFD of width 1. */
static size_t go_decode(const char *s, size_t n, uint32_t *r)
{
	if (n == 0) {
		*r = RUNE_ERROR;
		return 0;
	}
	size_t w = utf8_seq((const unsigned char *)s, n, r);
	if (w == 0) {
		*r = RUNE_ERROR;
		w = 1;
	}
	return w;
}

static void put_rune(buf *b, uint32_t r)
{
	char t[4];
	size_t n;
	if (r < 0x80) {
		t[0] = (char)r;
		n = 1;
	} else if (r < 0x800) {
		t[0] = (char)(0xC0 | r >> 6);
		t[1] = (char)(0x80 | (r & 0x3F));
		n = 2;
	} else if (r < 0x10000) {
		t[0] = (char)(0xE0 | r >> 12);
		t[1] = (char)(0x80 | (r >> 6 & 0x3F));
		t[2] = (char)(0x80 | (r & 0x3F));
		n = 3;
	} else {
		t[0] = (char)(0xF0 | r >> 18);
		t[1] = (char)(0x80 | (r >> 12 & 0x3F));
		t[2] = (char)(0x80 | (r >> 6 & 0x3F));
		t[3] = (char)(0x80 | (r & 0x3F));
		n = 4;
	}
	buf_add(b, t, n);
}

/* unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' */
static bool rune_ident(uint32_t r)
{
	size_t lo = 0, hi = sizeof ident_ranges / sizeof ident_ranges[0];
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (r < ident_ranges[mid][0])
			hi = mid;
		else if (r > ident_ranges[mid][1])
			lo = mid + 1;
		else
			return true;
	}
	return false;
}

/* unicode.ToUpper / unicode.ToLower (simple mappings). */
static uint32_t rune_case(uint32_t r, bool upper)
{
	size_t lo = 0, hi = sizeof case_runs / sizeof case_runs[0];
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		const struct case_run *c = &case_runs[mid];
		if (r < c->lo) {
			hi = mid;
		} else if (r > c->hi) {
			lo = mid + 1;
		} else if (c->alt) {
			bool is_upper = (r - c->lo) % 2 == 0;
			if (upper)
				return is_upper ? r : r - 1;
			return is_upper ? r + 1 : r;
		} else {
			return (uint32_t)((int32_t)r + (upper ? c->up : c->down));
		}
	}
	return r;
}

/* ---- scanner ---- */

enum { M_IDENT = 1, M_LBRACK = 2, M_RBRACK = 4, M_ESCAPE = 8 };
enum { ESC_DOLLAR = 1, ESC_BACKSLASH = 2 };

enum accept {
	A_RUNE, A_IDENT, A_COLON, A_ONE_HASH, A_NOT_CLOSING, A_HASH_OP, A_PERCENT_OP,
	A_DEFAULT_OP, A_REPLACE_OP, A_ONE_EQUAL, A_ONE_COLON, A_NOT_COLON_CLOSE,
	A_SLASH, A_NOT_SLASH, A_CASE_OP,
};

enum token { T_ILLEGAL, T_EOF, T_IDENT, T_LBRACK, T_RBRACK };

/* The text lives in a gap buffer: escapes are cut out of it as they are
 * scanned, always ahead of the last cut, so the gap only moves forward. */
struct scanner {
	char *b;        /* private copy of the input */
	size_t n;       /* text length, cuts excluded */
	size_t gap, glen;
	size_t pos, start, width;
	unsigned mode, esc;
	enum accept acc;
	size_t *cuts;   /* buffer offsets where a byte was cut, ascending */
	size_t ncuts, capcuts;
};

/* i is the byte length of the token so far, the rune r included. */
static bool accepts(enum accept a, uint32_t r, size_t i)
{
	switch (a) {
	case A_RUNE:
		return true;
	case A_IDENT:
		return rune_ident(r);
	case A_COLON:
		return r == ':';
	case A_ONE_HASH:
		return r == '#' && i == 1;
	case A_NOT_CLOSING:
		return r != '}';
	case A_HASH_OP:
		return r == '#' && i < 3;
	case A_PERCENT_OP:
		return r == '%' && i < 3;
	case A_DEFAULT_OP:
		return (i == 1 && r == ':') ||
		       (i == 2 && (r == '=' || r == '-' || r == '?' || r == '+'));
	case A_REPLACE_OP:
		return (i == 1 && r == '/') || (i == 2 && (r == '/' || r == '#' || r == '%'));
	case A_ONE_EQUAL:
		return i == 1 && r == '=';
	case A_ONE_COLON:
		return i == 1 && r == ':';
	case A_NOT_COLON_CLOSE:
		return r != ':' && r != '}';
	case A_SLASH:
		return r == '/';
	case A_NOT_SLASH:
		return r != '/';
	case A_CASE_OP:
		return (r == ',' || r == '^') && i < 3;
	}
	return false;
}

static char sc_byte(const struct scanner *s, size_t i)
{
	return s->b[i < s->gap ? i : i + s->glen];
}

static uint32_t sc_read(struct scanner *s)
{
	uint32_t r;
	if (s->pos >= s->n) {
		s->width = 0;
		return EOF_RUNE;
	}
	if (s->pos >= s->gap) {
		s->width = go_decode(s->b + s->pos + s->glen, s->n - s->pos, &r);
	} else {
		char t[4];
		size_t k = 0;
		for (; k < 4 && s->pos + k < s->n; k++)
			t[k] = sc_byte(s, s->pos + k);
		s->width = go_decode(t, k, &r);
	}
	s->pos += s->width;
	return r;
}

static void sc_unread(struct scanner *s)
{
	s->pos = s->width > s->pos ? 0 : s->pos - s->width;
}

static uint32_t sc_peek(struct scanner *s)
{
	uint32_t r = sc_read(s);
	sc_unread(s);
	return r;
}

/* Cuts the escape byte just read; the escaped rune after it becomes text
 * and the position now lies past it. */
static void sc_cut(struct scanner *s)
{
	size_t at = s->pos - 1;
	if (s->glen && at > s->gap)
		memmove(s->b + s->gap, s->b + s->gap + s->glen, at - s->gap);
	else if (s->glen && at < s->gap)
		memmove(s->b + at + s->glen, s->b + at, s->gap - at);
	s->gap = at;
	s->glen++;
	s->n--;
	if (s->ncuts == s->capcuts) {
		s->capcuts = s->capcuts ? s->capcuts * 2 : 16;
		s->cuts = realloc(s->cuts, s->capcuts * sizeof *s->cuts);
		if (!s->cuts)
			abort();
	}
	s->cuts[s->ncuts++] = at;
}

/* Makes the text contiguous again once scanning is over. */
static void sc_close(struct scanner *s)
{
	memmove(s->b + s->gap, s->b + s->gap + s->glen, s->n - s->gap);
	s->gap = s->n;
	s->glen = 0;
}

static bool sc_lbrack(struct scanner *s, uint32_t r)
{
	if (!(s->mode & M_LBRACK) || r != '$')
		return false;
	if (sc_read(s) == '{')
		return true;
	sc_unread(s);
	return false;
}

static bool sc_rbrack(const struct scanner *s, uint32_t r)
{
	return (s->mode & M_RBRACK) && r == '}';
}

static bool sc_escaped(struct scanner *s, uint32_t r)
{
	if (!(s->mode & M_ESCAPE))
		return false;
	if (r == '$' && (s->esc & ESC_DOLLAR))
		return sc_peek(s) == '$';
	if (r == '\\' && (s->esc & ESC_BACKSLASH)) {
		uint32_t next = sc_peek(s);
		return next == '/' || next == '\\';
	}
	return false;
}

static bool sc_ident(struct scanner *s, uint32_t r)
{
	if (!(s->mode & M_IDENT))
		return false;
	if (sc_escaped(s, r))
		sc_cut(s);
	else if (!accepts(s->acc, r, s->pos - s->start))
		return false;
	for (;;) {
		uint32_t c = sc_read(s);
		if (c == EOF_RUNE) {
			sc_unread(s);
			break;
		}
		if (sc_lbrack(s, c)) {
			sc_unread(s);
			sc_unread(s);
			break;
		}
		if (sc_escaped(s, c)) {
			sc_cut(s);
			continue;
		}
		if (!accepts(s->acc, c, s->pos - s->start)) {
			sc_unread(s);
			break;
		}
	}
	return true;
}

static enum token sc_scan(struct scanner *s)
{
	s->start = s->pos;
	uint32_t r = sc_read(s);
	if (r == EOF_RUNE)
		return T_EOF;
	if (sc_lbrack(s, r))
		return T_LBRACK;
	if (sc_rbrack(s, r))
		return T_RBRACK;
	if (sc_ident(s, r))
		return T_IDENT;
	return T_ILLEGAL;
}

/* ---- parse tree ---- */

enum fail {
	F_OK, F_BAD, F_BRACE, F_NAME, F_ARG, F_DEFAULT, F_UNSET, F_RANGE, F_DEPTH,
};

struct enode {
	bool func;
	size_t off, len;  /* text, or the variable name, in the scanner buffer */
	char op[3];       /* operator as scanned: "", ":=", "##", "/#", ... */
	size_t kid0, nkids;
	size_t at;        /* buffer offset of the `${` */
};

struct parser {
	struct scanner s;
	struct enode *v;
	size_t n, cap;
	size_t *kids;     /* argument lists, each contiguous */
	size_t nkids, capkids;
	enum fail fail;
	size_t fail_at;
	int depth;
};

static size_t new_node(struct parser *p, bool func, size_t off, size_t len, size_t at)
{
	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 32;
		p->v = realloc(p->v, p->cap * sizeof *p->v);
		if (!p->v)
			abort();
	}
	struct enode *x = &p->v[p->n];
	memset(x, 0, sizeof *x);
	x->func = func;
	x->off = off;
	x->len = len;
	x->at = at;
	return p->n++;
}

static void add_kid(struct parser *p, size_t kid)
{
	if (p->nkids == p->capkids) {
		p->capkids = p->capkids ? p->capkids * 2 : 32;
		p->kids = realloc(p->kids, p->capkids * sizeof *p->kids);
		if (!p->kids)
			abort();
	}
	p->kids[p->nkids++] = kid;
}

static int fail(struct parser *p, enum fail f, size_t at)
{
	p->fail = f;
	p->fail_at = at;
	return -1;
}

static size_t token_node(struct parser *p, size_t at)
{
	return new_node(p, false, p->s.start, p->s.pos - p->s.start, at);
}

/* A function node for the variable named by the token [off, off+len). */
static size_t func_node(struct parser *p, size_t off, size_t len, size_t at, const char *op,
			size_t oplen)
{
	size_t i = new_node(p, true, off, len, at);
	memcpy(p->v[i].op, op, oplen < 2 ? oplen : 2);
	return i;
}

/* Scans one token that must be an identifier under rule a.  */
static bool scan_op(struct parser *p, enum accept a, size_t *off, size_t *len)
{
	p->s.acc = a;
	p->s.mode = M_IDENT;
	if (sc_scan(&p->s) != T_IDENT)
		return false;
	*off = p->s.start;
	*len = p->s.pos - p->s.start;
	return true;
}

static int close_brace(struct parser *p, size_t at)
{
	p->s.mode = M_RBRACK;
	return sc_scan(&p->s) == T_RBRACK ? 0 : fail(p, F_BAD, at);
}

static int parse_func(struct parser *p, size_t at, size_t *out);

/* One argument: a run of text under rule a, or a nested ${...}. */
static int parse_arg(struct parser *p, enum accept a, unsigned mode, size_t at, size_t *out)
{
	p->s.acc = a;
	p->s.mode = mode | M_LBRACK;
	switch (sc_scan(&p->s)) {
	case T_LBRACK:
		return parse_func(p, p->s.start, out);
	case T_IDENT:
	case T_RBRACK:
		*out = token_node(p, at);
		return 0;
	default:
		return fail(p, F_ARG, at);
	}
}

/* Arguments are parsed before the node exists, nested ones in between, so
 * they are gathered here and stored contiguously at the end. */
struct args {
	size_t v[2];
	size_t *more;
	size_t n, cap;
};

static void args_push(struct args *a, size_t k)
{
	if (a->n < 2) {
		a->v[a->n++] = k;
		return;
	}
	if (a->n - 2 == a->cap) {
		a->cap = a->cap ? a->cap * 2 : 4;
		a->more = realloc(a->more, a->cap * sizeof *a->more);
		if (!a->more)
			abort();
	}
	a->more[a->n++ - 2] = k;
}

static size_t finish(struct parser *p, size_t name_off, size_t name_len, size_t at, size_t op_off,
		     size_t op_len, struct args *a)
{
	char op[2] = {0, 0};
	for (size_t k = 0; k < op_len && k < 2; k++)
		op[k] = sc_byte(&p->s, op_off + k);
	size_t i = func_node(p, name_off, name_len, at, op, op_len);
	p->v[i].kid0 = p->nkids;
	p->v[i].nkids = a->n;
	for (size_t k = 0; k < a->n; k++)
		add_kid(p, k < 2 ? a->v[k] : a->more[k - 2]);
	free(a->more);
	return i;
}

/* ${name:offset} and ${name:offset:length} */
static int parse_substr(struct parser *p, size_t noff, size_t nlen, size_t at, size_t *out)
{
	struct args a = {0};
	size_t ooff, olen, k;
	if (!scan_op(p, A_ONE_COLON, &ooff, &olen))
		return fail(p, F_BAD, at);
	if (parse_arg(p, A_NOT_COLON_CLOSE, M_IDENT, at, &k))
		return -1;
	args_push(&a, k);
	p->s.acc = A_COLON;
	p->s.mode = M_IDENT | M_RBRACK;
	switch (sc_scan(&p->s)) {
	case T_RBRACK:
		*out = finish(p, noff, nlen, at, ooff, olen, &a);
		return 0;
	case T_IDENT:
		break;
	default:
		return fail(p, F_BAD, at);
	}
	if (parse_arg(p, A_NOT_CLOSING, M_IDENT, at, &k))
		return -1;
	args_push(&a, k);
	*out = finish(p, noff, nlen, at, ooff, olen, &a);
	return close_brace(p, at);
}

/* ${name=word} ${name:=word} ${name:-word} ${name:?word} ${name:+word};
 * the word is any mix of text and nested expressions up to the `}`. */
static int parse_default(struct parser *p, size_t noff, size_t nlen, size_t at, size_t *out)
{
	struct args a = {0};
	size_t ooff, olen, k;
	enum accept rule = sc_peek(&p->s) == '=' ? A_ONE_EQUAL : A_DEFAULT_OP;
	if (!scan_op(p, rule, &ooff, &olen))
		return fail(p, F_DEFAULT, at);
	while (sc_peek(&p->s) != '}') {
		if (parse_arg(p, A_NOT_CLOSING, M_IDENT, at, &k)) {
			free(a.more);
			return -1;
		}
		args_push(&a, k);
	}
	*out = finish(p, noff, nlen, at, ooff, olen, &a);
	return close_brace(p, at);
}

static int parse_default_or_substr(struct parser *p, size_t noff, size_t nlen, size_t at,
				   size_t *out)
{
	/* Go steps back by the width of the peeked rune, not of the colon:
	 * a multi-byte rune after the colon lands the scanner inside the name
	 * and the expression fails as a bad substitution. */
	sc_read(&p->s);
	uint32_t r = sc_peek(&p->s);
	sc_unread(&p->s);
	if (r == '=' || r == '-' || r == '?' || r == '+')
		return parse_default(p, noff, nlen, at, out);
	return parse_substr(p, noff, nlen, at, out);
}

/* ${name#word} ${name##word} ${name%word} ${name%%word} */
static int parse_remove(struct parser *p, size_t noff, size_t nlen, size_t at, enum accept rule,
			size_t *out)
{
	struct args a = {0};
	size_t ooff, olen, k;
	if (!scan_op(p, rule, &ooff, &olen))
		return fail(p, F_BAD, at);
	if (parse_arg(p, A_NOT_CLOSING, M_IDENT, at, &k))
		return -1;
	args_push(&a, k);
	*out = finish(p, noff, nlen, at, ooff, olen, &a);
	return close_brace(p, at);
}

/* ${name/pattern/string} ${name//...} ${name/#...} ${name/%...} */
static int parse_replace(struct parser *p, size_t noff, size_t nlen, size_t at, size_t *out)
{
	struct args a = {0};
	size_t ooff, olen, k, doff, dlen;
	if (!scan_op(p, A_REPLACE_OP, &ooff, &olen))
		return fail(p, F_BAD, at);
	if (sc_peek(&p->s) == '/') {
		args_push(&a, new_node(p, false, p->s.pos, 0, at));
	} else {
		if (parse_arg(p, A_NOT_SLASH, M_IDENT | M_ESCAPE, at, &k))
			return -1;
		args_push(&a, k);
	}
	if (!scan_op(p, A_SLASH, &doff, &dlen))
		return fail(p, F_BAD, at);
	if (sc_peek(&p->s) != '}') {
		if (parse_arg(p, A_NOT_CLOSING, M_IDENT | M_ESCAPE, at, &k))
			return -1;
		args_push(&a, k);
	}
	*out = finish(p, noff, nlen, at, ooff, olen, &a);
	return close_brace(p, at);
}

/* ${name,} ${name,,} ${name^} ${name^^} (and mixes such as ${name,^}) */
static int parse_case(struct parser *p, size_t noff, size_t nlen, size_t at, size_t *out)
{
	struct args a = {0};
	size_t ooff, olen;
	if (!scan_op(p, A_CASE_OP, &ooff, &olen))
		return fail(p, F_BAD, at);
	*out = finish(p, noff, nlen, at, ooff, olen, &a);
	return close_brace(p, at);
}

/* ${#name} */
static int parse_len(struct parser *p, size_t at, size_t *out)
{
	struct args a = {0};
	size_t ooff, olen, noff, nlen;
	if (!scan_op(p, A_ONE_HASH, &ooff, &olen) || !scan_op(p, A_IDENT, &noff, &nlen))
		return fail(p, F_BAD, at);
	*out = finish(p, noff, nlen, at, ooff, olen, &a);
	return close_brace(p, at);
}

static int parse_func_body(struct parser *p, size_t at, size_t *out)
{
	size_t noff, nlen;
	p->s.esc = ESC_DOLLAR | ESC_BACKSLASH;
	if (sc_peek(&p->s) == '#')
		return parse_len(p, at, out);
	if (!scan_op(p, A_IDENT, &noff, &nlen))
		return fail(p, F_NAME, at);
	switch (sc_peek(&p->s)) {
	case ':':
		return parse_default_or_substr(p, noff, nlen, at, out);
	case '=':
		return parse_default(p, noff, nlen, at, out);
	case ',':
	case '^':
		return parse_case(p, noff, nlen, at, out);
	case '/':
		return parse_replace(p, noff, nlen, at, out);
	case '#':
		return parse_remove(p, noff, nlen, at, A_HASH_OP, out);
	case '%':
		return parse_remove(p, noff, nlen, at, A_PERCENT_OP, out);
	}
	p->s.acc = A_IDENT;
	p->s.mode = M_RBRACK;
	if (sc_scan(&p->s) != T_RBRACK)
		return fail(p, F_BRACE, at);
	*out = func_node(p, noff, nlen, at, "", 0);
	return 0;
}

/* Called with the `${` at buffer offset `at` just consumed. */
static int parse_func(struct parser *p, size_t at, size_t *out)
{
	if (++p->depth > MAX_DEPTH)
		return fail(p, F_DEPTH, at);
	int rc = parse_func_body(p, at, out);
	p->depth--;
	return rc;
}

/* The top level: text (with $$ escapes) and ${...} expressions. */
static int parse_all(struct parser *p, size_t **top, size_t *ntop)
{
	size_t cap = 0, k;
	*top = NULL;
	*ntop = 0;
	for (;;) {
		p->s.acc = A_RUNE;
		p->s.mode = M_IDENT | M_LBRACK | M_ESCAPE;
		p->s.esc = ESC_DOLLAR;
		enum token t = sc_scan(&p->s);
		if (t == T_EOF)
			return 0;
		if (t == T_IDENT)
			k = token_node(p, p->s.start);
		else if (t == T_LBRACK) {
			if (parse_func(p, p->s.start, &k))
				return -1;
		} else
			return fail(p, F_BAD, p->s.start);
		if (*ntop == cap) {
			cap = cap ? cap * 2 : 16;
			*top = realloc(*top, cap * sizeof **top);
			if (!*top)
				abort();
		}
		(*top)[(*ntop)++] = k;
	}
}

/* ---- the string operators, on bytes as Go slices strings ---- */

struct str {
	const char *p;
	size_t n;
};

/* strconv.Atoi */
static bool go_atoi(struct str s, long long *v)
{
	size_t i = 0;
	bool neg = false;
	if (s.n > 0 && (s.p[0] == '+' || s.p[0] == '-')) {
		neg = s.p[0] == '-';
		i = 1;
	}
	if (i == s.n)
		return false;
	unsigned long long u = 0, lim = neg ? (1ULL << 63) : (1ULL << 63) - 1;
	for (; i < s.n; i++) {
		if (s.p[i] < '0' || s.p[i] > '9')
			return false;
		unsigned d = (unsigned)(s.p[i] - '0');
		if (u > (lim - d) / 10)
			return false;
		u = u * 10 + d;
	}
	*v = neg ? (long long)(0 - u) : (long long)u;
	return true;
}

static void op_len(struct str s, buf *out)
{
	buf_printf(out, "%zu", s.n);
}

static bool all_ascii(struct str s)
{
	for (size_t i = 0; i < s.n; i++)
		if ((unsigned char)s.p[i] >= 0x80)
			return false;
	return true;
}

/* strings.ToUpper / strings.ToLower: an invalid byte becomes U+FFFD unless
 * the whole string is ASCII. */
static void op_case_all(struct str s, bool upper, buf *out)
{
	if (all_ascii(s)) {
		for (size_t i = 0; i < s.n; i++) {
			char c = s.p[i];
			if (upper && c >= 'a' && c <= 'z')
				c = (char)(c - 32);
			else if (!upper && c >= 'A' && c <= 'Z')
				c = (char)(c + 32);
			buf_addc(out, c);
		}
		return;
	}
	for (size_t i = 0; i < s.n;) {
		uint32_t r;
		i += go_decode(s.p + i, s.n - i, &r);
		put_rune(out, rune_case(r, upper));
	}
}

static void op_case_first(struct str s, bool upper, buf *out)
{
	if (s.n == 0)
		return;
	uint32_t r;
	size_t w = go_decode(s.p, s.n, &r);
	put_rune(out, rune_case(r, upper));
	buf_add(out, s.p + w, s.n - w);
}

static void op_default(struct str s, buf *args, size_t nargs, buf *out)
{
	if (s.n == 0 && nargs > 0) {
		for (size_t i = 0; i < nargs; i++)
			buf_add(out, args[i].p, args[i].len);
		return;
	}
	buf_add(out, s.p, s.n);
}

/* Go slices with a start past the end (an int overflow in pos+length)
 * panic; kustomize-controller reports the recovered panic as an error. */
static int op_substr(struct str s, buf *args, size_t nargs, buf *out)
{
	long long pos, length, n = (long long)s.n;
	struct str a0 = {args[0].p, args[0].len};
	if (!go_atoi(a0, &pos))
		goto whole;
	if (pos < 0) {
		pos += n;
		if (pos < 0)
			pos = 0;
	}
	if (nargs == 1) {
		if (pos < n)
			buf_add(out, s.p + pos, (size_t)(n - pos));
		return 0;
	}
	struct str a1 = {args[1].p, args[1].len};
	if (!go_atoi(a1, &length))
		goto whole;
	if (length < 0) {
		long long end = n + length;
		if (end >= pos)
			buf_add(out, s.p + pos, (size_t)(end - pos));
		return 0;
	}
	long long sum;
	if (__builtin_add_overflow(pos, length, &sum))
		return -1;
	if (sum >= n) {
		if (pos < n)
			buf_add(out, s.p + pos, (size_t)(n - pos));
		return 0;
	}
	buf_add(out, s.p + pos, (size_t)length);
	return 0;
whole:
	buf_add(out, s.p, s.n);
	return 0;
}

static size_t rune_count(struct str s)
{
	size_t c = 0;
	uint32_t r;
	for (size_t i = 0; i < s.n; c++)
		i += go_decode(s.p + i, s.n - i, &r);
	return c;
}

static const char *find(struct str s, struct str t)
{
	if (t.n > s.n)
		return NULL;
	for (size_t i = 0; i + t.n <= s.n; i++)
		if (memcmp(s.p + i, t.p, t.n) == 0)
			return s.p + i;
	return NULL;
}

static size_t count(struct str s, struct str old)
{
	if (old.n == 0)
		return rune_count(s) + 1;
	size_t c = 0;
	for (const char *q; (q = find(s, old)) != NULL; c++) {
		size_t skip = (size_t)(q - s.p) + old.n;
		s.p += skip;
		s.n -= skip;
	}
	return c;
}

/* strings.Replace(s, old, new, n); an empty old matches before every
 * rune and at the end. */
static void go_replace(struct str s, struct str old, struct str new, long long n, buf *out)
{
	size_t m;
	if ((old.n == new.n && memcmp(old.p, new.p, old.n) == 0) || n == 0 ||
	    (m = count(s, old)) == 0) {
		buf_add(out, s.p, s.n);
		return;
	}
	if (n < 0 || (unsigned long long)n > m)
		n = (long long)m;
	size_t start = 0;
	for (long long i = 0; i < n; i++) {
		size_t j = start;
		if (old.n == 0) {
			if (i > 0) {
				uint32_t r;
				j += go_decode(s.p + start, s.n - start, &r);
			}
		} else {
			struct str rest = {s.p + start, s.n - start};
			j = (size_t)(find(rest, old) - s.p);
		}
		buf_add(out, s.p + start, j - start);
		buf_add(out, new.p, new.n);
		start = j + old.n;
	}
	buf_add(out, s.p + start, s.n - start);
}

static void op_replace(struct str s, const char *op, buf *args, size_t nargs, buf *out)
{
	struct str pat = {args[0].p, args[0].len};
	struct str rep = {nargs > 1 ? args[1].p : "", nargs > 1 ? args[1].len : 0};
	bool all = op[1] == '/';
	if (op[1] == '#' || op[1] == '%') {
		if (nargs != 2 || pat.n > s.n) {
			buf_add(out, s.p, s.n);
			return;
		}
		if (op[1] == '#' && memcmp(s.p, pat.p, pat.n) == 0) {
			go_replace(s, pat, rep, 1, out);
		} else if (op[1] == '%' && memcmp(s.p + s.n - pat.n, pat.p, pat.n) == 0) {
			buf_add(out, s.p, s.n - pat.n);
			buf_add(out, rep.p, rep.n);
		} else {
			buf_add(out, s.p, s.n);
		}
		return;
	}
	go_replace(s, pat, rep, all ? -1 : 1, out);
}

/* ---- path.Match as drone/envsubst copied it: '*' and '?' also match
 * '/', and a malformed pattern is only noticed where matching reaches it. */

enum match { M_NO, M_YES, M_ERR };

/* A possibly escaped character of a [class]. */
static bool class_char(struct str *c, uint32_t *r)
{
	if (c->n == 0 || c->p[0] == '-' || c->p[0] == ']')
		return false;
	if (c->p[0] == '\\') {
		c->p++;
		c->n--;
		if (c->n == 0)
			return false;
	}
	size_t w = utf8_seq((const unsigned char *)c->p, c->n, r);
	bool ok = w != 0;
	if (!ok)
		w = 1;
	c->p += w;
	c->n -= w;
	return ok && c->n > 0;
}

/* Whether chunk (no '*') matches the start of s; *rest gets what is left. */
static enum match match_chunk(struct str chunk, struct str s, struct str *rest)
{
	while (chunk.n > 0) {
		if (s.n == 0)
			return M_NO;
		uint32_t r;
		size_t w;
		switch (chunk.p[0]) {
		case '[': {
			w = go_decode(s.p, s.n, &r);
			s.p += w;
			s.n -= w;
			chunk.p++;
			chunk.n--;
			bool negated = chunk.n > 0 && chunk.p[0] == '^';
			if (negated) {
				chunk.p++;
				chunk.n--;
			}
			bool hit = false;
			for (int ranges = 0;; ranges++) {
				if (chunk.n > 0 && chunk.p[0] == ']' && ranges > 0) {
					chunk.p++;
					chunk.n--;
					break;
				}
				uint32_t lo, hi;
				if (!class_char(&chunk, &lo))
					return M_ERR;
				hi = lo;
				if (chunk.p[0] == '-') {
					chunk.p++;
					chunk.n--;
					if (!class_char(&chunk, &hi))
						return M_ERR;
				}
				if (lo <= r && r <= hi)
					hit = true;
			}
			if (hit == negated)
				return M_NO;
			break;
		}
		case '?':
			w = go_decode(s.p, s.n, &r);
			s.p += w;
			s.n -= w;
			chunk.p++;
			chunk.n--;
			break;
		case '\\':
			chunk.p++;
			chunk.n--;
			if (chunk.n == 0)
				return M_ERR;
			/* fall through */
		default:
			if (chunk.p[0] != s.p[0])
				return M_NO;
			s.p++;
			s.n--;
			chunk.p++;
			chunk.n--;
		}
	}
	*rest = s;
	return M_YES;
}

/* Splits off the next chunk: leading stars, then up to the next star
 * outside a [class]. */
static bool next_chunk(struct str *pat, struct str *chunk)
{
	bool star = false;
	while (pat->n > 0 && pat->p[0] == '*') {
		pat->p++;
		pat->n--;
		star = true;
	}
	bool inrange = false;
	size_t i;
	for (i = 0; i < pat->n; i++) {
		char c = pat->p[i];
		if (c == '\\') {
			if (i + 1 < pat->n)
				i++;
		} else if (c == '[') {
			inrange = true;
		} else if (c == ']') {
			inrange = false;
		} else if (c == '*' && !inrange) {
			break;
		}
	}
	chunk->p = pat->p;
	chunk->n = i;
	pat->p += i;
	pat->n -= i;
	return star;
}

static enum match glob(struct str pat, struct str name)
{
	while (pat.n > 0) {
		struct str chunk, t;
		bool star = next_chunk(&pat, &chunk);
		if (star && chunk.n == 0)
			return M_YES;
		enum match m = match_chunk(chunk, name, &t);
		if (m == M_YES && (t.n == 0 || pat.n > 0)) {
			name = t;
			continue;
		}
		if (m == M_ERR)
			return M_ERR;
		bool advanced = false;
		if (star) {
			for (size_t i = 0; i < name.n; i++) {
				struct str tail = {name.p + i + 1, name.n - i - 1};
				m = match_chunk(chunk, tail, &t);
				if (m == M_YES) {
					if (pat.n == 0 && t.n > 0)
						continue;
					name = t;
					advanced = true;
					break;
				}
				if (m == M_ERR)
					return M_ERR;
			}
		}
		if (!advanced)
			return M_NO;
	}
	return name.n == 0 ? M_YES : M_NO;
}

/* The prefix of s matched by pat is cut: the shortest or the longest one
 * that is not empty.  A malformed pattern leaves s whole. */
static struct str trim_prefix(struct str s, struct str pat, bool longest)
{
	size_t cut = 0;
	for (size_t i = 0; i < s.n; i++) {
		struct str prefix = {s.p, s.n - i};
		enum match m = glob(pat, prefix);
		if (m == M_ERR)
			return s;
		if (m == M_YES) {
			cut = prefix.n;
			if (longest)
				break;
		}
	}
	s.p += cut;
	s.n -= cut;
	return s;
}

/* Go turns the string into runes to reverse it, so invalid bytes come
 * back as U+FFFD. */
static void reverse(struct str s, buf *out)
{
	size_t n = 0;
	uint32_t *r = malloc((s.n + 1) * sizeof *r);
	if (!r)
		abort();
	for (size_t i = 0; i < s.n; n++)
		i += go_decode(s.p + i, s.n - i, &r[n]);
	while (n > 0)
		put_rune(out, r[--n]);
	free(r);
}

/* # ## strip a matching prefix; % %% a suffix, by matching the reversed
 * pattern against the reversed value, exactly as Flux does. */
static void op_trim(struct str s, const char *op, buf *args, buf *out)
{
	struct str pat = {args[0].p, args[0].len};
	bool longest = op[1] != 0;
	if (op[0] == '#') {
		struct str t = trim_prefix(s, pat, longest);
		buf_add(out, t.p, t.n);
		return;
	}
	buf rs = BUF_INIT, rp = BUF_INIT;
	reverse(s, &rs);
	reverse(pat, &rp);
	struct str t = trim_prefix((struct str){rs.p ? rs.p : "", rs.len},
				   (struct str){rp.p ? rp.p : "", rp.len}, longest);
	reverse(t, out);
	buf_free(&rs);
	buf_free(&rp);
}

/* ---- evaluation ---- */

struct eval {
	const struct parser *p;
	const envsubst_opts *o;
	enum fail fail;
	size_t fail_at;
	const struct enode *fail_node;
};

static bool default_op(const char *op)
{
	return strcmp(op, "=") == 0 || strcmp(op, ":=") == 0 || strcmp(op, ":-") == 0 ||
	       strcmp(op, ":+") == 0 || strcmp(op, ":?") == 0 || strcmp(op, "-") == 0 ||
	       strcmp(op, "+") == 0 || strcmp(op, "?") == 0;
}

static int apply(const char *op, struct str v, buf *args, size_t nargs, buf *out)
{
	if (strcmp(op, ",") == 0 || strcmp(op, "^") == 0)
		op_case_first(v, op[0] == '^', out);
	else if (strcmp(op, ",,") == 0 || strcmp(op, "^^") == 0)
		op_case_all(v, op[0] == '^', out);
	else if (strcmp(op, "#") == 0 && nargs == 0)
		op_len(v, out);
	else if ((op[0] == '#' || op[0] == '%') && nargs > 0)
		op_trim(v, op, args, out);
	else if (strcmp(op, ":") == 0)
		return op_substr(v, args, nargs, out);
	else if (op[0] == '/')
		op_replace(v, op, args, nargs, out);
	else
		op_default(v, args, nargs, out);
	return 0;
}

static int eval_node(struct eval *ev, size_t i, buf *out);

static int eval_func(struct eval *ev, const struct enode *x, buf *out)
{
	const struct parser *p = ev->p;
	buf *args = calloc(x->nkids ? x->nkids : 1, sizeof *args);
	if (!args)
		abort();
	int rc = 0;
	for (size_t k = 0; k < x->nkids && rc == 0; k++) {
		buf_add(&args[k], "", 0);
		rc = eval_node(ev, p->kids[x->kid0 + k], &args[k]);
	}
	if (rc == 0) {
		const char *val = "";
		size_t vlen = 0;
		bool set = ev->o->look &&
			   ev->o->look(ev->o->ctx, p->s.b + x->off, x->len, &val, &vlen);
		if (!set) {
			val = "";
			vlen = 0;
		}
		if (!set && ev->o->strict && !default_op(x->op)) {
			ev->fail = F_UNSET;
			ev->fail_at = x->at;
			ev->fail_node = x;
			rc = -1;
		} else if (apply(x->op, (struct str){val, vlen}, args, x->nkids, out)) {
			ev->fail = F_RANGE;
			ev->fail_at = x->at;
			ev->fail_node = x;
			rc = -1;
		}
	}
	for (size_t k = 0; k < x->nkids; k++)
		buf_free(&args[k]);
	free(args);
	return rc;
}

static int eval_node(struct eval *ev, size_t i, buf *out)
{
	const struct enode *x = &ev->p->v[i];
	if (!x->func) {
		buf_add(out, ev->p->s.b + x->off, x->len);
		return 0;
	}
	return eval_func(ev, x, out);
}

/* ---- errors ---- */

/* Maps an offset in the scanner buffer back to the caller's input. */
static size_t input_offset(const struct scanner *s, size_t off)
{
	size_t n = 0;
	while (n < s->ncuts && s->cuts[n] <= off)
		n++;
	return off + n;
}

static void line_col(const char *in, size_t len, size_t off, uint32_t *line, uint32_t *col)
{
	uint32_t l = 1, c = 1;
	uint32_t r;
	for (size_t i = 0; i < off && i < len;) {
		if (in[i] == '\n') {
			l++;
			c = 1;
			i++;
			continue;
		}
		i += go_decode(in + i, len - i, &r);
		c++;
	}
	*line = l;
	*col = c;
}

static const char *fail_text(enum fail f)
{
	switch (f) {
	case F_BAD:
		return "bad substitution";
	case F_BRACE:
		return "missing closing brace";
	case F_NAME:
		return "unable to parse variable name";
	case F_ARG:
		return "unable to parse substitution within function";
	case F_DEFAULT:
		return "unable to parse default function";
	case F_RANGE:
		return "runtime error: slice bounds out of range";
	case F_DEPTH:
		return "expressions nested too deeply";
	default:
		return "variable not set (strict mode)";
	}
}

static const char *fail_hint(enum fail f)
{
	switch (f) {
	case F_BRACE:
		return "a variable name must be followed by `}` or by one of the operators "
		       ":= :- = : # ## % %% / // , ,, ^ ^^ (Flux does not support ${var-x} "
		       "or ${var+x}); write $${ to keep a literal ${";
	case F_NAME:
		return "`${` must be followed by a variable name made of letters, digits "
		       "and _; write $${ to keep a literal ${";
	case F_ARG:
		return "the operator's argument is missing or the expression is not "
		       "closed with `}`; write $${ to keep a literal ${";
	case F_RANGE:
		return "the ${var:offset:length} numbers overflow; use smaller ones";
	case F_DEPTH:
		return "strata stops at 1000 nested ${...}; flatten the expression";
	default:
		return "this ${...} expression is malformed or not one Flux supports; "
		       "fix it, or write $${ to keep a literal ${";
	}
}

static int report(const envsubst_opts *o, const struct scanner *s, const char *in, size_t len,
		  enum fail f, size_t at, const struct enode *x, err *e, envsubst_diag *diag)
{
	size_t off = input_offset(s, at);
	uint32_t line, col;
	line_col(in, len, off, &line, &col);
	buf flux = BUF_INIT;
	if (f == F_UNSET)
		buf_printf(&flux, "%s: \"%.*s\"", fail_text(f), (int)x->len, s->b + x->off);
	else
		buf_adds(&flux, fail_text(f));
	const char *where = o->where ? o->where : "<envsubst input>";
	if (f == F_UNSET)
		err_at(e, where, line, col,
		       "%s; set %.*s in spec.postBuild.substitute or in a substituteFrom "
		       "ConfigMap/Secret, give it a default such as ${%.*s:=value}, or write "
		       "$${%.*s} to keep it literal",
		       flux.p, (int)x->len, s->b + x->off, (int)x->len, s->b + x->off,
		       (int)x->len, s->b + x->off);
	else
		err_at(e, where, line, col, "%s; %s", flux.p, fail_hint(f));
	if (diag) {
		diag->offset = off;
		diag->line = line;
		diag->col = col;
		diag->flux = buf_detach(&flux, NULL);
	}
	buf_free(&flux);
	return -1;
}

int envsubst_eval(const envsubst_opts *o, const char *in, size_t len, buf *out, err *e,
		  envsubst_diag *diag)
{
	struct parser p = {0};
	size_t *top = NULL, ntop = 0, keep = out->len;
	int rc = 0;
	if (diag)
		memset(diag, 0, sizeof *diag);
	p.s.b = malloc(len + 1);
	if (!p.s.b)
		abort();
	if (len)
		memcpy(p.s.b, in, len);
	p.s.n = len;
	if (parse_all(&p, &top, &ntop)) {
		rc = report(o, &p.s, in, len, p.fail, p.fail_at, NULL, e, diag);
		goto done;
	}
	sc_close(&p.s);
	struct eval ev = {&p, o, F_OK, 0, NULL};
	buf_add(out, "", 0);
	for (size_t i = 0; i < ntop; i++) {
		if (eval_node(&ev, top[i], out)) {
			out->len = keep;
			out->p[keep] = 0;
			rc = report(o, &p.s, in, len, ev.fail, ev.fail_at, ev.fail_node, e, diag);
			goto done;
		}
	}
done:
	free(top);
	free(p.v);
	free(p.kids);
	free(p.s.cuts);
	free(p.s.b);
	return rc;
}

void envsubst_diag_free(envsubst_diag *d)
{
	free(d->flux);
	d->flux = NULL;
}

bool envsubst_name_valid(const char *name, size_t len)
{
	if (len == 0)
		return false;
	for (size_t i = 0; i < len; i++) {
		char c = name[i];
		bool alpha = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
		if (!alpha && (i == 0 || c < '0' || c > '9'))
			return false;
	}
	return true;
}
