/* emit.c - node trees to kustomize's YAML text; see emit.h.
 *
 * kustomize's printer is yaml.v3 -> encoding/json -> go-yaml v2, so each
 * value is first put in the form that chain leaves it in (numbers respelled,
 * bad UTF-8 replaced, NEL line-folded, timestamps in RFC 3339, "<<" keys
 * merged as yaml.v3 merges them, keys sorted) and then handed to libyaml's
 * emitter with the style go-yaml v2 would request; libyaml downgrades styles
 * as go-yaml v2's port of it does.  Where libyaml 0.2.5 and go-yaml v2 write
 * different bytes (a "..." after a |+ block, indentation before the closing
 * quote of a single-quoted scalar ending in U+2028/U+2029, go-yaml v2
 * escaping every character of a string that starts with U+FEFF) the
 * document is patched afterwards.
 */
#include "strata/emit.h"
#include "strata/utf8.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "strata/scalar.h"
#include "strata/yamlout.h"

/* Go's unicode.IsLetter / unicode.IsDigit above ASCII (Unicode 15.0, as in
 * the Go release kubectl is built with), for the key order. */
static const uint32_t letter_ranges[][2] = {
	{0xAA, 0xAA}, {0xB5, 0xB5}, {0xBA, 0xBA}, {0xC0, 0xD6}, {0xD8, 0xF6}, {0xF8, 0x2C1},
	{0x2C6, 0x2D1}, {0x2E0, 0x2E4}, {0x2EC, 0x2EC}, {0x2EE, 0x2EE}, {0x370, 0x374},
	{0x376, 0x377}, {0x37A, 0x37D}, {0x37F, 0x37F}, {0x386, 0x386}, {0x388, 0x38A},
	{0x38C, 0x38C}, {0x38E, 0x3A1}, {0x3A3, 0x3F5}, {0x3F7, 0x481}, {0x48A, 0x52F},
	{0x531, 0x556}, {0x559, 0x559}, {0x560, 0x588}, {0x5D0, 0x5EA}, {0x5EF, 0x5F2},
	{0x620, 0x64A}, {0x66E, 0x66F}, {0x671, 0x6D3}, {0x6D5, 0x6D5}, {0x6E5, 0x6E6},
	{0x6EE, 0x6EF}, {0x6FA, 0x6FC}, {0x6FF, 0x6FF}, {0x710, 0x710}, {0x712, 0x72F},
	{0x74D, 0x7A5}, {0x7B1, 0x7B1}, {0x7CA, 0x7EA}, {0x7F4, 0x7F5}, {0x7FA, 0x7FA},
	{0x800, 0x815}, {0x81A, 0x81A}, {0x824, 0x824}, {0x828, 0x828}, {0x840, 0x858},
	{0x860, 0x86A}, {0x870, 0x887}, {0x889, 0x88E}, {0x8A0, 0x8C9}, {0x904, 0x939},
	{0x93D, 0x93D}, {0x950, 0x950}, {0x958, 0x961}, {0x971, 0x980}, {0x985, 0x98C},
	{0x98F, 0x990}, {0x993, 0x9A8}, {0x9AA, 0x9B0}, {0x9B2, 0x9B2}, {0x9B6, 0x9B9},
	{0x9BD, 0x9BD}, {0x9CE, 0x9CE}, {0x9DC, 0x9DD}, {0x9DF, 0x9E1}, {0x9F0, 0x9F1},
	{0x9FC, 0x9FC}, {0xA05, 0xA0A}, {0xA0F, 0xA10}, {0xA13, 0xA28}, {0xA2A, 0xA30},
	{0xA32, 0xA33}, {0xA35, 0xA36}, {0xA38, 0xA39}, {0xA59, 0xA5C}, {0xA5E, 0xA5E},
	{0xA72, 0xA74}, {0xA85, 0xA8D}, {0xA8F, 0xA91}, {0xA93, 0xAA8}, {0xAAA, 0xAB0},
	{0xAB2, 0xAB3}, {0xAB5, 0xAB9}, {0xABD, 0xABD}, {0xAD0, 0xAD0}, {0xAE0, 0xAE1},
	{0xAF9, 0xAF9}, {0xB05, 0xB0C}, {0xB0F, 0xB10}, {0xB13, 0xB28}, {0xB2A, 0xB30},
	{0xB32, 0xB33}, {0xB35, 0xB39}, {0xB3D, 0xB3D}, {0xB5C, 0xB5D}, {0xB5F, 0xB61},
	{0xB71, 0xB71}, {0xB83, 0xB83}, {0xB85, 0xB8A}, {0xB8E, 0xB90}, {0xB92, 0xB95},
	{0xB99, 0xB9A}, {0xB9C, 0xB9C}, {0xB9E, 0xB9F}, {0xBA3, 0xBA4}, {0xBA8, 0xBAA},
	{0xBAE, 0xBB9}, {0xBD0, 0xBD0}, {0xC05, 0xC0C}, {0xC0E, 0xC10}, {0xC12, 0xC28},
	{0xC2A, 0xC39}, {0xC3D, 0xC3D}, {0xC58, 0xC5A}, {0xC5D, 0xC5D}, {0xC60, 0xC61},
	{0xC80, 0xC80}, {0xC85, 0xC8C}, {0xC8E, 0xC90}, {0xC92, 0xCA8}, {0xCAA, 0xCB3},
	{0xCB5, 0xCB9}, {0xCBD, 0xCBD}, {0xCDD, 0xCDE}, {0xCE0, 0xCE1}, {0xCF1, 0xCF2},
	{0xD04, 0xD0C}, {0xD0E, 0xD10}, {0xD12, 0xD3A}, {0xD3D, 0xD3D}, {0xD4E, 0xD4E},
	{0xD54, 0xD56}, {0xD5F, 0xD61}, {0xD7A, 0xD7F}, {0xD85, 0xD96}, {0xD9A, 0xDB1},
	{0xDB3, 0xDBB}, {0xDBD, 0xDBD}, {0xDC0, 0xDC6}, {0xE01, 0xE30}, {0xE32, 0xE33},
	{0xE40, 0xE46}, {0xE81, 0xE82}, {0xE84, 0xE84}, {0xE86, 0xE8A}, {0xE8C, 0xEA3},
	{0xEA5, 0xEA5}, {0xEA7, 0xEB0}, {0xEB2, 0xEB3}, {0xEBD, 0xEBD}, {0xEC0, 0xEC4},
	{0xEC6, 0xEC6}, {0xEDC, 0xEDF}, {0xF00, 0xF00}, {0xF40, 0xF47}, {0xF49, 0xF6C},
	{0xF88, 0xF8C}, {0x1000, 0x102A}, {0x103F, 0x103F}, {0x1050, 0x1055}, {0x105A, 0x105D},
	{0x1061, 0x1061}, {0x1065, 0x1066}, {0x106E, 0x1070}, {0x1075, 0x1081}, {0x108E, 0x108E},
	{0x10A0, 0x10C5}, {0x10C7, 0x10C7}, {0x10CD, 0x10CD}, {0x10D0, 0x10FA}, {0x10FC, 0x1248},
	{0x124A, 0x124D}, {0x1250, 0x1256}, {0x1258, 0x1258}, {0x125A, 0x125D}, {0x1260, 0x1288},
	{0x128A, 0x128D}, {0x1290, 0x12B0}, {0x12B2, 0x12B5}, {0x12B8, 0x12BE}, {0x12C0, 0x12C0},
	{0x12C2, 0x12C5}, {0x12C8, 0x12D6}, {0x12D8, 0x1310}, {0x1312, 0x1315}, {0x1318, 0x135A},
	{0x1380, 0x138F}, {0x13A0, 0x13F5}, {0x13F8, 0x13FD}, {0x1401, 0x166C}, {0x166F, 0x167F},
	{0x1681, 0x169A}, {0x16A0, 0x16EA}, {0x16F1, 0x16F8}, {0x1700, 0x1711}, {0x171F, 0x1731},
	{0x1740, 0x1751}, {0x1760, 0x176C}, {0x176E, 0x1770}, {0x1780, 0x17B3}, {0x17D7, 0x17D7},
	{0x17DC, 0x17DC}, {0x1820, 0x1878}, {0x1880, 0x1884}, {0x1887, 0x18A8}, {0x18AA, 0x18AA},
	{0x18B0, 0x18F5}, {0x1900, 0x191E}, {0x1950, 0x196D}, {0x1970, 0x1974}, {0x1980, 0x19AB},
	{0x19B0, 0x19C9}, {0x1A00, 0x1A16}, {0x1A20, 0x1A54}, {0x1AA7, 0x1AA7}, {0x1B05, 0x1B33},
	{0x1B45, 0x1B4C}, {0x1B83, 0x1BA0}, {0x1BAE, 0x1BAF}, {0x1BBA, 0x1BE5}, {0x1C00, 0x1C23},
	{0x1C4D, 0x1C4F}, {0x1C5A, 0x1C7D}, {0x1C80, 0x1C88}, {0x1C90, 0x1CBA}, {0x1CBD, 0x1CBF},
	{0x1CE9, 0x1CEC}, {0x1CEE, 0x1CF3}, {0x1CF5, 0x1CF6}, {0x1CFA, 0x1CFA}, {0x1D00, 0x1DBF},
	{0x1E00, 0x1F15}, {0x1F18, 0x1F1D}, {0x1F20, 0x1F45}, {0x1F48, 0x1F4D}, {0x1F50, 0x1F57},
	{0x1F59, 0x1F59}, {0x1F5B, 0x1F5B}, {0x1F5D, 0x1F5D}, {0x1F5F, 0x1F7D}, {0x1F80, 0x1FB4},
	{0x1FB6, 0x1FBC}, {0x1FBE, 0x1FBE}, {0x1FC2, 0x1FC4}, {0x1FC6, 0x1FCC}, {0x1FD0, 0x1FD3},
	{0x1FD6, 0x1FDB}, {0x1FE0, 0x1FEC}, {0x1FF2, 0x1FF4}, {0x1FF6, 0x1FFC}, {0x2071, 0x2071},
	{0x207F, 0x207F}, {0x2090, 0x209C}, {0x2102, 0x2102}, {0x2107, 0x2107}, {0x210A, 0x2113},
	{0x2115, 0x2115}, {0x2119, 0x211D}, {0x2124, 0x2124}, {0x2126, 0x2126}, {0x2128, 0x2128},
	{0x212A, 0x212D}, {0x212F, 0x2139}, {0x213C, 0x213F}, {0x2145, 0x2149}, {0x214E, 0x214E},
	{0x2183, 0x2184}, {0x2C00, 0x2CE4}, {0x2CEB, 0x2CEE}, {0x2CF2, 0x2CF3}, {0x2D00, 0x2D25},
	{0x2D27, 0x2D27}, {0x2D2D, 0x2D2D}, {0x2D30, 0x2D67}, {0x2D6F, 0x2D6F}, {0x2D80, 0x2D96},
	{0x2DA0, 0x2DA6}, {0x2DA8, 0x2DAE}, {0x2DB0, 0x2DB6}, {0x2DB8, 0x2DBE}, {0x2DC0, 0x2DC6},
	{0x2DC8, 0x2DCE}, {0x2DD0, 0x2DD6}, {0x2DD8, 0x2DDE}, {0x2E2F, 0x2E2F}, {0x3005, 0x3006},
	{0x3031, 0x3035}, {0x303B, 0x303C}, {0x3041, 0x3096}, {0x309D, 0x309F}, {0x30A1, 0x30FA},
	{0x30FC, 0x30FF}, {0x3105, 0x312F}, {0x3131, 0x318E}, {0x31A0, 0x31BF}, {0x31F0, 0x31FF},
	{0x3400, 0x4DBF}, {0x4E00, 0xA48C}, {0xA4D0, 0xA4FD}, {0xA500, 0xA60C}, {0xA610, 0xA61F},
	{0xA62A, 0xA62B}, {0xA640, 0xA66E}, {0xA67F, 0xA69D}, {0xA6A0, 0xA6E5}, {0xA717, 0xA71F},
	{0xA722, 0xA788}, {0xA78B, 0xA7CA}, {0xA7D0, 0xA7D1}, {0xA7D3, 0xA7D3}, {0xA7D5, 0xA7D9},
	{0xA7F2, 0xA801}, {0xA803, 0xA805}, {0xA807, 0xA80A}, {0xA80C, 0xA822}, {0xA840, 0xA873},
	{0xA882, 0xA8B3}, {0xA8F2, 0xA8F7}, {0xA8FB, 0xA8FB}, {0xA8FD, 0xA8FE}, {0xA90A, 0xA925},
	{0xA930, 0xA946}, {0xA960, 0xA97C}, {0xA984, 0xA9B2}, {0xA9CF, 0xA9CF}, {0xA9E0, 0xA9E4},
	{0xA9E6, 0xA9EF}, {0xA9FA, 0xA9FE}, {0xAA00, 0xAA28}, {0xAA40, 0xAA42}, {0xAA44, 0xAA4B},
	{0xAA60, 0xAA76}, {0xAA7A, 0xAA7A}, {0xAA7E, 0xAAAF}, {0xAAB1, 0xAAB1}, {0xAAB5, 0xAAB6},
	{0xAAB9, 0xAABD}, {0xAAC0, 0xAAC0}, {0xAAC2, 0xAAC2}, {0xAADB, 0xAADD}, {0xAAE0, 0xAAEA},
	{0xAAF2, 0xAAF4}, {0xAB01, 0xAB06}, {0xAB09, 0xAB0E}, {0xAB11, 0xAB16}, {0xAB20, 0xAB26},
	{0xAB28, 0xAB2E}, {0xAB30, 0xAB5A}, {0xAB5C, 0xAB69}, {0xAB70, 0xABE2}, {0xAC00, 0xD7A3},
	{0xD7B0, 0xD7C6}, {0xD7CB, 0xD7FB}, {0xF900, 0xFA6D}, {0xFA70, 0xFAD9}, {0xFB00, 0xFB06},
	{0xFB13, 0xFB17}, {0xFB1D, 0xFB1D}, {0xFB1F, 0xFB28}, {0xFB2A, 0xFB36}, {0xFB38, 0xFB3C},
	{0xFB3E, 0xFB3E}, {0xFB40, 0xFB41}, {0xFB43, 0xFB44}, {0xFB46, 0xFBB1}, {0xFBD3, 0xFD3D},
	{0xFD50, 0xFD8F}, {0xFD92, 0xFDC7}, {0xFDF0, 0xFDFB}, {0xFE70, 0xFE74}, {0xFE76, 0xFEFC},
	{0xFF21, 0xFF3A}, {0xFF41, 0xFF5A}, {0xFF66, 0xFFBE}, {0xFFC2, 0xFFC7}, {0xFFCA, 0xFFCF},
	{0xFFD2, 0xFFD7}, {0xFFDA, 0xFFDC}, {0x10000, 0x1000B}, {0x1000D, 0x10026},
	{0x10028, 0x1003A}, {0x1003C, 0x1003D}, {0x1003F, 0x1004D}, {0x10050, 0x1005D},
	{0x10080, 0x100FA}, {0x10280, 0x1029C}, {0x102A0, 0x102D0}, {0x10300, 0x1031F},
	{0x1032D, 0x10340}, {0x10342, 0x10349}, {0x10350, 0x10375}, {0x10380, 0x1039D},
	{0x103A0, 0x103C3}, {0x103C8, 0x103CF}, {0x10400, 0x1049D}, {0x104B0, 0x104D3},
	{0x104D8, 0x104FB}, {0x10500, 0x10527}, {0x10530, 0x10563}, {0x10570, 0x1057A},
	{0x1057C, 0x1058A}, {0x1058C, 0x10592}, {0x10594, 0x10595}, {0x10597, 0x105A1},
	{0x105A3, 0x105B1}, {0x105B3, 0x105B9}, {0x105BB, 0x105BC}, {0x10600, 0x10736},
	{0x10740, 0x10755}, {0x10760, 0x10767}, {0x10780, 0x10785}, {0x10787, 0x107B0},
	{0x107B2, 0x107BA}, {0x10800, 0x10805}, {0x10808, 0x10808}, {0x1080A, 0x10835},
	{0x10837, 0x10838}, {0x1083C, 0x1083C}, {0x1083F, 0x10855}, {0x10860, 0x10876},
	{0x10880, 0x1089E}, {0x108E0, 0x108F2}, {0x108F4, 0x108F5}, {0x10900, 0x10915},
	{0x10920, 0x10939}, {0x10980, 0x109B7}, {0x109BE, 0x109BF}, {0x10A00, 0x10A00},
	{0x10A10, 0x10A13}, {0x10A15, 0x10A17}, {0x10A19, 0x10A35}, {0x10A60, 0x10A7C},
	{0x10A80, 0x10A9C}, {0x10AC0, 0x10AC7}, {0x10AC9, 0x10AE4}, {0x10B00, 0x10B35},
	{0x10B40, 0x10B55}, {0x10B60, 0x10B72}, {0x10B80, 0x10B91}, {0x10C00, 0x10C48},
	{0x10C80, 0x10CB2}, {0x10CC0, 0x10CF2}, {0x10D00, 0x10D23}, {0x10E80, 0x10EA9},
	{0x10EB0, 0x10EB1}, {0x10F00, 0x10F1C}, {0x10F27, 0x10F27}, {0x10F30, 0x10F45},
	{0x10F70, 0x10F81}, {0x10FB0, 0x10FC4}, {0x10FE0, 0x10FF6}, {0x11003, 0x11037},
	{0x11071, 0x11072}, {0x11075, 0x11075}, {0x11083, 0x110AF}, {0x110D0, 0x110E8},
	{0x11103, 0x11126}, {0x11144, 0x11144}, {0x11147, 0x11147}, {0x11150, 0x11172},
	{0x11176, 0x11176}, {0x11183, 0x111B2}, {0x111C1, 0x111C4}, {0x111DA, 0x111DA},
	{0x111DC, 0x111DC}, {0x11200, 0x11211}, {0x11213, 0x1122B}, {0x1123F, 0x11240},
	{0x11280, 0x11286}, {0x11288, 0x11288}, {0x1128A, 0x1128D}, {0x1128F, 0x1129D},
	{0x1129F, 0x112A8}, {0x112B0, 0x112DE}, {0x11305, 0x1130C}, {0x1130F, 0x11310},
	{0x11313, 0x11328}, {0x1132A, 0x11330}, {0x11332, 0x11333}, {0x11335, 0x11339},
	{0x1133D, 0x1133D}, {0x11350, 0x11350}, {0x1135D, 0x11361}, {0x11400, 0x11434},
	{0x11447, 0x1144A}, {0x1145F, 0x11461}, {0x11480, 0x114AF}, {0x114C4, 0x114C5},
	{0x114C7, 0x114C7}, {0x11580, 0x115AE}, {0x115D8, 0x115DB}, {0x11600, 0x1162F},
	{0x11644, 0x11644}, {0x11680, 0x116AA}, {0x116B8, 0x116B8}, {0x11700, 0x1171A},
	{0x11740, 0x11746}, {0x11800, 0x1182B}, {0x118A0, 0x118DF}, {0x118FF, 0x11906},
	{0x11909, 0x11909}, {0x1190C, 0x11913}, {0x11915, 0x11916}, {0x11918, 0x1192F},
	{0x1193F, 0x1193F}, {0x11941, 0x11941}, {0x119A0, 0x119A7}, {0x119AA, 0x119D0},
	{0x119E1, 0x119E1}, {0x119E3, 0x119E3}, {0x11A00, 0x11A00}, {0x11A0B, 0x11A32},
	{0x11A3A, 0x11A3A}, {0x11A50, 0x11A50}, {0x11A5C, 0x11A89}, {0x11A9D, 0x11A9D},
	{0x11AB0, 0x11AF8}, {0x11C00, 0x11C08}, {0x11C0A, 0x11C2E}, {0x11C40, 0x11C40},
	{0x11C72, 0x11C8F}, {0x11D00, 0x11D06}, {0x11D08, 0x11D09}, {0x11D0B, 0x11D30},
	{0x11D46, 0x11D46}, {0x11D60, 0x11D65}, {0x11D67, 0x11D68}, {0x11D6A, 0x11D89},
	{0x11D98, 0x11D98}, {0x11EE0, 0x11EF2}, {0x11F02, 0x11F02}, {0x11F04, 0x11F10},
	{0x11F12, 0x11F33}, {0x11FB0, 0x11FB0}, {0x12000, 0x12399}, {0x12480, 0x12543},
	{0x12F90, 0x12FF0}, {0x13000, 0x1342E}, {0x14400, 0x14646}, {0x16800, 0x16A38},
	{0x16A40, 0x16A5E}, {0x16A70, 0x16ABE}, {0x16AD0, 0x16AED}, {0x16B00, 0x16B2F},
	{0x16B40, 0x16B43}, {0x16B63, 0x16B77}, {0x16B7D, 0x16B8F}, {0x16E40, 0x16E7F},
	{0x16F00, 0x16F4A}, {0x16F50, 0x16F50}, {0x16F93, 0x16F9F}, {0x16FE0, 0x16FE1},
	{0x16FE3, 0x16FE3}, {0x17000, 0x187F7}, {0x18800, 0x18CD5}, {0x18D00, 0x18D08},
	{0x1AFF0, 0x1AFF3}, {0x1AFF5, 0x1AFFB}, {0x1AFFD, 0x1AFFE}, {0x1B000, 0x1B122},
	{0x1B150, 0x1B152}, {0x1B164, 0x1B167}, {0x1B170, 0x1B2FB}, {0x1BC00, 0x1BC6A},
	{0x1BC70, 0x1BC7C}, {0x1BC80, 0x1BC88}, {0x1BC90, 0x1BC99}, {0x1D400, 0x1D454},
	{0x1D456, 0x1D49C}, {0x1D49E, 0x1D49F}, {0x1D4A2, 0x1D4A2}, {0x1D4A5, 0x1D4A6},
	{0x1D4A9, 0x1D4AC}, {0x1D4AE, 0x1D4B9}, {0x1D4BB, 0x1D4BB}, {0x1D4BD, 0x1D4C3},
	{0x1D4C5, 0x1D505}, {0x1D507, 0x1D50A}, {0x1D50D, 0x1D514}, {0x1D516, 0x1D51C},
	{0x1D51E, 0x1D539}, {0x1D53B, 0x1D53E}, {0x1D540, 0x1D544}, {0x1D546, 0x1D546},
	{0x1D54A, 0x1D550}, {0x1D552, 0x1D6A5}, {0x1D6A8, 0x1D6C0}, {0x1D6C2, 0x1D6DA},
	{0x1D6DC, 0x1D6FA}, {0x1D6FC, 0x1D714}, {0x1D716, 0x1D734}, {0x1D736, 0x1D74E},
	{0x1D750, 0x1D76E}, {0x1D770, 0x1D788}, {0x1D78A, 0x1D7A8}, {0x1D7AA, 0x1D7C2},
	{0x1D7C4, 0x1D7CB}, {0x1DF00, 0x1DF1E}, {0x1DF25, 0x1DF2A}, {0x1E030, 0x1E06D},
	{0x1E100, 0x1E12C}, {0x1E137, 0x1E13D}, {0x1E14E, 0x1E14E}, {0x1E290, 0x1E2AD},
	{0x1E2C0, 0x1E2EB}, {0x1E4D0, 0x1E4EB}, {0x1E7E0, 0x1E7E6}, {0x1E7E8, 0x1E7EB},
	{0x1E7ED, 0x1E7EE}, {0x1E7F0, 0x1E7FE}, {0x1E800, 0x1E8C4}, {0x1E900, 0x1E943},
	{0x1E94B, 0x1E94B}, {0x1EE00, 0x1EE03}, {0x1EE05, 0x1EE1F}, {0x1EE21, 0x1EE22},
	{0x1EE24, 0x1EE24}, {0x1EE27, 0x1EE27}, {0x1EE29, 0x1EE32}, {0x1EE34, 0x1EE37},
	{0x1EE39, 0x1EE39}, {0x1EE3B, 0x1EE3B}, {0x1EE42, 0x1EE42}, {0x1EE47, 0x1EE47},
	{0x1EE49, 0x1EE49}, {0x1EE4B, 0x1EE4B}, {0x1EE4D, 0x1EE4F}, {0x1EE51, 0x1EE52},
	{0x1EE54, 0x1EE54}, {0x1EE57, 0x1EE57}, {0x1EE59, 0x1EE59}, {0x1EE5B, 0x1EE5B},
	{0x1EE5D, 0x1EE5D}, {0x1EE5F, 0x1EE5F}, {0x1EE61, 0x1EE62}, {0x1EE64, 0x1EE64},
	{0x1EE67, 0x1EE6A}, {0x1EE6C, 0x1EE72}, {0x1EE74, 0x1EE77}, {0x1EE79, 0x1EE7C},
	{0x1EE7E, 0x1EE7E}, {0x1EE80, 0x1EE89}, {0x1EE8B, 0x1EE9B}, {0x1EEA1, 0x1EEA3},
	{0x1EEA5, 0x1EEA9}, {0x1EEAB, 0x1EEBB}, {0x20000, 0x2A6DF}, {0x2A700, 0x2B738},
	{0x2B740, 0x2B81D}, {0x2B820, 0x2CEA1}, {0x2CEB0, 0x2EBE0}, {0x2F800, 0x2FA1D},
	{0x30000, 0x3134A}, {0x31350, 0x323AF},
};
static const uint32_t digit_ranges[][2] = {
	{0x660, 0x669}, {0x6F0, 0x6F9}, {0x7C0, 0x7C9}, {0x966, 0x96F}, {0x9E6, 0x9EF},
	{0xA66, 0xA6F}, {0xAE6, 0xAEF}, {0xB66, 0xB6F}, {0xBE6, 0xBEF}, {0xC66, 0xC6F},
	{0xCE6, 0xCEF}, {0xD66, 0xD6F}, {0xDE6, 0xDEF}, {0xE50, 0xE59}, {0xED0, 0xED9},
	{0xF20, 0xF29}, {0x1040, 0x1049}, {0x1090, 0x1099}, {0x17E0, 0x17E9}, {0x1810, 0x1819},
	{0x1946, 0x194F}, {0x19D0, 0x19D9}, {0x1A80, 0x1A89}, {0x1A90, 0x1A99}, {0x1B50, 0x1B59},
	{0x1BB0, 0x1BB9}, {0x1C40, 0x1C49}, {0x1C50, 0x1C59}, {0xA620, 0xA629}, {0xA8D0, 0xA8D9},
	{0xA900, 0xA909}, {0xA9D0, 0xA9D9}, {0xA9F0, 0xA9F9}, {0xAA50, 0xAA59}, {0xABF0, 0xABF9},
	{0xFF10, 0xFF19}, {0x104A0, 0x104A9}, {0x10D30, 0x10D39}, {0x11066, 0x1106F},
	{0x110F0, 0x110F9}, {0x11136, 0x1113F}, {0x111D0, 0x111D9}, {0x112F0, 0x112F9},
	{0x11450, 0x11459}, {0x114D0, 0x114D9}, {0x11650, 0x11659}, {0x116C0, 0x116C9},
	{0x11730, 0x11739}, {0x118E0, 0x118E9}, {0x11950, 0x11959}, {0x11C50, 0x11C59},
	{0x11D50, 0x11D59}, {0x11DA0, 0x11DA9}, {0x11F50, 0x11F59}, {0x16A60, 0x16A69},
	{0x16AC0, 0x16AC9}, {0x16B50, 0x16B59}, {0x1D7CE, 0x1D7FF}, {0x1E140, 0x1E149},
	{0x1E2F0, 0x1E2F9}, {0x1E4F0, 0x1E4F9}, {0x1E950, 0x1E959}, {0x1FBF0, 0x1FBF9},
};

/* A scalar whose libyaml text must be rewritten once the document is out. */
struct patch {
	size_t ordinal;  /* among the document's scalars, in output order */
	size_t off, len; /* go-yaml v2's text in emitter.patch_text; len 0: trim */
};

struct entry {
	const node *key;
	const char *k; /* the key's text as go-yaml v2 sees it */
	size_t klen;
	const node *val;
};

struct emitter {
	yaml_emitter_t y;
	buf *out;
	err *e;
	buf text;       /* a scalar's printed text, when it differs from the node's */
	buf sub;        /* stand-in text handed to libyaml for a patched scalar */
	struct entry *ent; /* stack of sorted map entries, one slice per open map */
	size_t ent_len, ent_cap;
	struct entry *tmp; /* merge sort scratch */
	size_t tmp_cap;
	struct patch *patches;
	size_t npatches, patch_cap;
	buf patch_text;
	size_t ordinal;  /* scalars emitted so far in this document */
	bool keep_plus;  /* a |+ block was requested: libyaml may add "..." */
	emit_via via;
	bool direct;     /* this document goes to yo, not to libyaml */
	bool other;      /* yo met what it leaves to libyaml */
	yamlout yo;
};

static bool in_ranges(const uint32_t (*r)[2], size_t n, uint32_t c)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (c < r[mid][0])
			hi = mid;
		else if (c > r[mid][1])
			lo = mid + 1;
		else
			return true;
	}
	return false;
}

static bool go_is_letter(uint32_t c)
{
	if (c < 0x80)
		return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
	return in_ranges(letter_ranges, sizeof letter_ranges / sizeof *letter_ranges, c);
}

static bool go_is_digit(uint32_t c)
{
	if (c < 0x80)
		return c >= '0' && c <= '9';
	return in_ranges(digit_ranges, sizeof digit_ranges / sizeof *digit_ranges, c);
}

/* Go's utf8.DecodeRune: the rune at s (n > 0 bytes) and its width; an
 * invalid or truncated sequence is U+FFFD of width 1. */
static uint32_t utf8_decode(const unsigned char *s, size_t n, size_t *width)
{
	uint32_t c;
	size_t k = utf8_seq(s, n, &c);
	*width = k ? k : 1;
	return k ? c : 0xFFFD;
}

static void utf8_put(buf *b, uint32_t c)
{
	char t[4];
	size_t n;
	if (c < 0x80) {
		t[0] = (char)c, n = 1;
	} else if (c < 0x800) {
		t[0] = (char)(0xC0 | c >> 6), t[1] = (char)(0x80 | (c & 0x3F)), n = 2;
	} else if (c < 0x10000) {
		t[0] = (char)(0xE0 | c >> 12), t[1] = (char)(0x80 | (c >> 6 & 0x3F));
		t[2] = (char)(0x80 | (c & 0x3F)), n = 3;
	} else {
		t[0] = (char)(0xF0 | c >> 18), t[1] = (char)(0x80 | (c >> 12 & 0x3F));
		t[2] = (char)(0x80 | (c >> 6 & 0x3F)), t[3] = (char)(0x80 | (c & 0x3F)), n = 4;
	}
	buf_add(b, t, n);
}

/* One rune of a key; an ASCII byte needs no decoding. */
static uint32_t key_rune(const char *s, size_t len, size_t *i)
{
	unsigned char b = (unsigned char)s[*i];
	size_t w = 1;
	uint32_t c = b < 0x80 ? b : utf8_decode((const unsigned char *)s + *i, len - *i, &w);
	*i += w;
	return c;
}

/* The rune ending just before byte i (a stray byte counts as itself). */
static uint32_t key_rune_before(const char *s, size_t *i)
{
	size_t j = *i - 1;
	size_t stop = *i >= 4 ? *i - 4 : 0;
	while (j > stop && ((unsigned char)s[j] & 0xC0) == 0x80)
		j--;
	size_t k = j;
	uint32_t c = key_rune(s, *i, &k);
	if (k != *i) { /* not one whole rune: take the last byte alone */
		*i -= 1;
		return 0xFFFD;
	}
	*i = j;
	return c;
}

/* Value of the digit run starting at byte i, with Go's int64 wrap-around
 * and its rune-'0' arithmetic; *runes gets the run's length. */
static int64_t digit_run(const char *s, size_t len, size_t i, uint64_t start, size_t *runes)
{
	uint64_t v = start;
	size_t n = 0;
	while (i < len) {
		size_t j = i;
		uint32_t c = key_rune(s, len, &j);
		if (!go_is_digit(c))
			break;
		v = v * 10 + (uint64_t)((int64_t)c - '0');
		i = j, n++;
	}
	*runes = n;
	return (int64_t)v;
}

/* Whether a digit other than '0' ends the digit run that precedes byte i. */
static bool nonzero_digit_before(const char *s, size_t i)
{
	while (i > 0) {
		uint32_t c = key_rune_before(s, &i);
		if (!go_is_digit(c))
			return false;
		if (c != '0')
			return true;
	}
	return false;
}

static int key_cmp_at(const char *a, size_t alen, size_t ai, uint32_t ra, const char *b,
		      size_t blen, size_t bi, uint32_t rb)
{
	bool al = go_is_letter(ra), bl = go_is_letter(rb);
	if (al && bl)
		return ra < rb ? -1 : 1;
	if (al || bl)
		return bl ? -1 : 1;
	/* Digit runs compare by value; a run continuing a nonzero number
	 * counts that number's leading 1, so "a19" < "a100". */
	uint64_t start = 0;
	if ((ra == '0' || rb == '0') && nonzero_digit_before(a, ai))
		start = 1;
	size_t an_runes, bn_runes;
	int64_t an = digit_run(a, alen, ai, start, &an_runes);
	int64_t bn = digit_run(b, blen, bi, start, &bn_runes);
	if (an != bn)
		return an < bn ? -1 : 1;
	if (an_runes != bn_runes)
		return an_runes < bn_runes ? -1 : 1;
	return ra < rb ? -1 : 1;
}

int emit_key_cmp(const char *a, size_t alen, const char *b, size_t blen)
{
	size_t i = 0, j = 0;
	while (i < alen && j < blen) {
		size_t ai = i, bj = j;
		uint32_t ra = key_rune(a, alen, &i);
		uint32_t rb = key_rune(b, blen, &j);
		if (ra != rb)
			return key_cmp_at(a, alen, ai, ra, b, blen, bj, rb);
	}
	/* Shorter first, counted in runes as Go's []rune does. */
	bool a_more = i < alen, b_more = j < blen;
	return a_more == b_more ? 0 : a_more ? 1 : -1;
}

static int emit_fail(struct emitter *em, const node *n, const char *fmt, const char *arg)
{
	err_at(em->e, n->file, n->line, n->col, fmt, arg);
	return -1;
}

static int yaml_fail(struct emitter *em)
{
	return err_set(em->e, "cannot print YAML: libyaml emitter: %s",
		       em->y.problem ? em->y.problem : "unknown error");
}

static int emit_event(struct emitter *em, yaml_event_t *ev)
{
	return yaml_emitter_emit(&em->y, ev) ? 0 : yaml_fail(em);
}

/* Raw characters go-yaml v2 refuses to read back from the JSON text
 * (encoding/json escapes C0 controls but not these). */
static bool yaml_refuses(uint32_t c)
{
	return c == 0x7F || (c >= 0x80 && c <= 0x9F && c != 0x85) || c == 0xFFFE || c == 0xFFFF;
}

static bool is_nel(const unsigned char *u, size_t len, size_t i)
{
	return i + 1 < len && u[i] == 0xC2 && u[i + 1] == 0x85;
}

/* encoding/json leaves U+0085 raw, and go-yaml v2 reads it inside the
 * quoted JSON string as a line break: a run of spaces and NELs folds to one
 * space (one NEL) or to one newline fewer than the NELs. */
static int fold_nel(struct emitter *em, const node *n, const char *s, size_t len, buf *dst)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;
	while (i < len) {
		if (u[i] != ' ' && !is_nel(u, len, i)) {
			buf_addc(dst, s[i++]);
			continue;
		}
		size_t j = i, nels = 0;
		bool ends_nel = false;
		while (j < len && (u[j] == ' ' || is_nel(u, len, j))) {
			ends_nel = u[j] != ' ';
			nels += ends_nel;
			j += ends_nel ? 2 : 1;
		}
		if (!nels) {
			buf_add(dst, s + i, j - i);
		} else if (nels == 1) {
			buf_addc(dst, ' ');
		} else {
			for (size_t k = 1; k < nels; k++)
				buf_addc(dst, '\n');
		}
		/* A line that starts with a document marker ends the JSON text. */
		if (ends_nel && j + 3 < len &&
		    (!memcmp(s + j, "---", 3) || !memcmp(s + j, "...", 3)) &&
		    (u[j + 3] == ' ' || is_nel(u, len, j + 3)))
			return emit_fail(em, n, "yaml: found unexpected document indicator; "
						"%s cannot be printed, remove the U+0085 (NEL) line "
						"break before \"---\" or \"...\"", "the string");
		i = j;
	}
	return 0;
}

/* The text go-yaml v2 receives for string s: invalid UTF-8 bytes become
 * U+FFFD as encoding/json writes them, NELs fold.  Points *out at s itself
 * when nothing changes, else at em->text. */
static int clean_string(struct emitter *em, const node *n, const char *s, size_t len,
			bool is_key, const char **out, size_t *outlen)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;
	while (i < len && u[i] < 0x7F)
		i++;
	*out = s, *outlen = len;
	if (i == len)
		return 0;
	buf fixed = BUF_INIT;
	bool copied = false, nel = false;
	size_t done = 0;
	while (i < len) {
		if (u[i] < 0x7F) {
			i++;
			continue;
		}
		size_t w;
		uint32_t c = utf8_decode(u + i, len - i, &w);
		if (yaml_refuses(c)) {
			buf_free(&fixed);
			return emit_fail(em, n, "%s: yaml: control characters are not allowed; "
						"remove the control character (DEL, C1 or "
						"U+FFFE/U+FFFF) from the string",
					 "cannot print the value");
		}
		nel |= c == 0x85;
		if (c == 0xFFFD && w == 1) {
			copied = true;
			buf_add(&fixed, s + done, i - done);
			buf_add(&fixed, "\xEF\xBF\xBD", 3);
			done = i + 1;
		}
		i += w;
	}
	if (copied) {
		buf_add(&fixed, s + done, len - done);
		s = fixed.p, len = fixed.len;
	}
	int rc = 0;
	if (nel && is_key) {
		rc = emit_fail(em, n, "yaml: did not find expected ',' or '}'; the map key "
				      "holds a U+0085 (NEL) line break, which %s",
			       "kustomize cannot print");
	} else if (nel) {
		buf_reset(&em->text);
		rc = fold_nel(em, n, s, len, &em->text);
		*out = em->text.p, *outlen = em->text.len;
	} else if (copied) {
		buf_reset(&em->text);
		buf_add(&em->text, s, len);
		*out = em->text.p, *outlen = em->text.len;
	}
	buf_free(&fixed);
	return rc;
}

/* The document goes to libyaml after all: what yo wrote is dropped. */
static int not_direct(struct emitter *em)
{
	em->other = true;
	return -1;
}

static int direct_scalar(struct emitter *em, const char *s, size_t len,
			 yaml_scalar_style_t style)
{
	yamlout_style st = style == YAML_PLAIN_SCALAR_STYLE	    ? YAMLOUT_PLAIN
			   : style == YAML_DOUBLE_QUOTED_SCALAR_STYLE ? YAMLOUT_DOUBLE_QUOTED
								      : YAMLOUT_LITERAL;
	if (yamlout_scalar(&em->yo, s, len, st) != YAMLOUT_OK)
		return not_direct(em);
	em->ordinal++;
	return 0;
}

static int emit_scalar(struct emitter *em, const char *s, size_t len, yaml_scalar_style_t style)
{
	if (em->direct)
		return direct_scalar(em, s, len, style);
	yaml_event_t ev;
	if (!yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)s, (int)len, 1, 1,
					  style))
		abort();
	em->ordinal++;
	return emit_event(em, &ev);
}

static void add_patch(struct emitter *em, size_t off, size_t len)
{
	if (em->npatches == em->patch_cap) {
		em->patch_cap = em->patch_cap ? em->patch_cap * 2 : 8;
		em->patches = realloc(em->patches, em->patch_cap * sizeof *em->patches);
		if (!em->patches)
			abort();
	}
	/* The scalar about to be emitted. */
	em->patches[em->npatches++] = (struct patch){em->ordinal, off, len};
}

/* go-yaml v2's escape for rune c inside double quotes; 0 if it has no
 * short form. */
static char short_escape(uint32_t c)
{
	switch (c) {
	case 0x00: return '0';
	case 0x07: return 'a';
	case 0x08: return 'b';
	case 0x09: return 't';
	case 0x0A: return 'n';
	case 0x0B: return 'v';
	case 0x0C: return 'f';
	case 0x0D: return 'r';
	case 0x1B: return 'e';
	case 0x22: return '"';
	case 0x5C: return '\\';
	case 0x85: return 'N';
	case 0xA0: return '_';
	case 0x2028: return 'L';
	case 0x2029: return 'P';
	}
	return 0;
}

/* go-yaml v2 mistakes every character of a string that starts with U+FEFF
 * for a byte order mark and escapes it.  libyaml gets a stand-in whose
 * escapes have the same widths, and the real text is patched in. */
static int emit_bom_string(struct emitter *em, const char *s, size_t len)
{
	if (em->direct)
		return not_direct(em);
	size_t off = em->patch_text.len;
	buf_reset(&em->sub);
	buf_addc(&em->patch_text, '"');
	for (size_t i = 0; i < len;) {
		size_t w;
		uint32_t c = utf8_decode((const unsigned char *)s + i, len - i, &w);
		char e = short_escape(c);
		if (e) {
			buf_addc(&em->patch_text, '\\');
			buf_addc(&em->patch_text, e);
			/* libyaml prints U+00A0 raw; a tab has the same
			 * escape width and, unlike U+0085, is no line break. */
			if (c == 0xA0)
				buf_addc(&em->sub, '\t');
			else
				buf_add(&em->sub, s + i, w);
		} else if (c <= 0xFF) {
			buf_printf(&em->patch_text, "\\x%02X", c);
			utf8_put(&em->sub, w == 1 ? 0x01 : 0x80);
		} else if (c <= 0xFFFF) {
			buf_printf(&em->patch_text, "\\u%04X", c);
			utf8_put(&em->sub, 0xFEFF);
		} else {
			buf_printf(&em->patch_text, "\\U%08X", c);
			utf8_put(&em->sub, 0x1F600);
		}
		i += w;
	}
	buf_addc(&em->patch_text, '"');
	add_patch(em, off, em->patch_text.len - off);
	return emit_scalar(em, em->sub.p, em->sub.len, YAML_DOUBLE_QUOTED_SCALAR_STYLE);
}

static bool ends_with_ls_ps(const char *s, size_t len)
{
	return len >= 3 && !memcmp(s + len - 3, "\xE2\x80", 2) &&
	       (s[len - 1] == '\xA8' || s[len - 1] == '\xA9');
}

/* Whether go-yaml v2 reads plain s back as this string.  Its resolver
 * looks further only at text starting with one of these characters. */
static bool plain_is_string(const char *s, size_t len)
{
	if (len && !strchr("+-.0123456789yYnNtTfFoO~", s[0]))
		return true;
	/* Words like "name": past five letters none of its bool or null
	 * spellings ("false", "FALSE") can match. */
	if (len > 5 && strchr("yYnNtTfFoO~", s[0]))
		return true;
	return scalar_resolve_v2(s, len) == SCALAR_STR && !scalar_is_base60_float(s, len);
}

/* Emits text as go-yaml v2 prints a string: literal when it has a newline,
 * plain when it reads back as a string, else double-quoted; libyaml may
 * still downgrade plain or literal to quotes. */
static int emit_text(struct emitter *em, const char *s, size_t len)
{
	if (len >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3))
		return emit_bom_string(em, s, len);
	yaml_scalar_style_t style;
	if (memchr(s, '\n', len)) {
		style = YAML_LITERAL_SCALAR_STYLE;
		em->keep_plus |= s[len - 1] == '\n';
	} else if (plain_is_string(s, len)) {
		style = YAML_PLAIN_SCALAR_STYLE;
		/* libyaml indents before the closing quote after a final
		 * U+2028/U+2029; go-yaml v2 does not. */
		if (ends_with_ls_ps(s, len))
			add_patch(em, 0, 0);
	} else {
		style = YAML_DOUBLE_QUOTED_SCALAR_STYLE;
	}
	return emit_scalar(em, s, len, style);
}

static int emit_string(struct emitter *em, const node *n)
{
	const char *s = n->str.s;
	size_t len = n->str.len;
	if (n->flags & NODE_F_TIMESTAMP) {
		/* ASCII by construction, and clean_string would reuse em->text. */
		buf_reset(&em->text);
		if (scalar_timestamp_rfc3339(&em->text, s, len) == 0)
			return emit_text(em, em->text.p, em->text.len);
	}
	if (clean_string(em, n, s, len, false, &s, &len))
		return -1;
	return emit_text(em, s, len);
}

/* A decimal integer Go prints back unchanged: -?(0|[1-9][0-9]*), at most
 * 18 digits so it fits int64, and not "-0". */
static bool canonical_int(const char *s, size_t len)
{
	size_t i = s[0] == '-';
	if (len == i || len - i > 18 || (s[i] == '0' && len - i > 1) || (i && s[i] == '0'))
		return false;
	for (; i < len; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

static int emit_number(struct emitter *em, const node *n)
{
	if (n->kind == NODE_INT && n->str.len && canonical_int(n->str.s, n->str.len))
		return emit_scalar(em, n->str.s, n->str.len, YAML_PLAIN_SCALAR_STYLE);
	buf_reset(&em->text);
	if (scalar_number_text(&em->text, n->str.s, n->str.len)) {
		/* .nan/.NaN/.NAN are the only special floats with an 'a'. */
		bool nan = memchr(n->str.s, 'a', n->str.len) || memchr(n->str.s, 'A', n->str.len);
		const char *v = nan ? "NaN" : n->str.s[0] == '-' ? "-Inf" : "+Inf";
		return emit_fail(em, n, "json: unsupported value: %s; JSON cannot carry infinity "
					"or NaN, quote the value to keep it as a string", v);
	}
	return emit_scalar(em, em->text.p, em->text.len, YAML_PLAIN_SCALAR_STYLE);
}

static int emit_node(struct emitter *em, const node *n);

/* Characters encoding/json writes for s; go-yaml v2 cannot read a JSON key
 * of more than 1024 characters (quotes included) as a map key. */
static size_t json_chars(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n = 0;
	for (size_t i = 0; i < len;) {
		unsigned char c = u[i];
		if (c < 0x80) {
			if (c == '"' || c == '\\' || c == '\n' || c == '\r' || c == '\t' ||
			    c == '\b' || c == '\f')
				n += 2;
			else if (c < 0x20 || c == '<' || c == '>' || c == '&')
				n += 6;
			else
				n += 1;
			i++;
			continue;
		}
		size_t w;
		uint32_t r = utf8_decode(u + i, len - i, &w);
		n += (r == 0xFFFD && w == 1) || r == 0x2028 || r == 0x2029 ? 6 : 1;
		i += w;
	}
	return n;
}

static int check_key(struct emitter *em, const node *k)
{
	/* yaml.v3 reads an empty key as "" for kyaml's string-keyed maps,
	 * but refuses a spelled-out null. */
	if (k->kind == NODE_NULL && k->str.len == 0)
		return 0;
	if (k->kind == NODE_NULL)
		return emit_fail(em, k, "yaml: unmarshal errors: mapping key \"%s\" already "
					"defined; a null map key cannot be printed, quote it",
				 k->str.len ? k->str.s : "null");
	if (k->kind != NODE_STR || (k->flags & NODE_F_TIMESTAMP))
		return emit_fail(em, k, "json: unsupported type: map[interface {}]interface {}; "
					"map key %s is not a string, quote it", k->str.s);
	if (k->str.len > 170 && json_chars(k->str.s, k->str.len) > 1022)
		return emit_fail(em, k, "yaml: did not find expected ',' or '}'; %s longer than "
					"1022 characters in JSON cannot be printed by kustomize",
				 "a map key");
	return 0;
}

static bool is_merge_key(const node *k)
{
	return k->str.len == 2 && k->str.s[0] == '<' && k->str.s[1] == '<';
}

static struct entry *push_entry(struct emitter *em)
{
	if (em->ent_len == em->ent_cap) {
		em->ent_cap = em->ent_cap ? em->ent_cap * 2 : 64;
		em->ent = realloc(em->ent, em->ent_cap * sizeof *em->ent);
		if (!em->ent)
			abort();
	}
	return &em->ent[em->ent_len++];
}

static int merge_value(struct emitter *em, size_t base, const node *v);

/* yaml.v3 decoding map m into the entries above base, as kyaml does before
 * the JSON step: keys already there win, then m's own "<<" is merged. */
static int merge_map(struct emitter *em, size_t base, const node *m)
{
	const node *merge = NULL;
	for (uint32_t i = 0; i < m->map.n; i++) {
		const node_pair *p = &m->map.v[i];
		if (check_key(em, p->key))
			return -1;
		if (is_merge_key(p->key)) {
			merge = p->val;
			continue;
		}
		bool seen = false;
		for (size_t j = base; j < em->ent_len && !seen; j++)
			seen = em->ent[j].klen == p->key->str.len &&
			       !memcmp(em->ent[j].k, p->key->str.s, p->key->str.len);
		if (!seen)
			*push_entry(em) = (struct entry){p->key, p->key->str.s, p->key->str.len,
							 p->val};
	}
	return merge ? merge_value(em, base, merge) : 0;
}

static int merge_value(struct emitter *em, size_t base, const node *v)
{
	if (v->kind == NODE_MAP)
		return merge_map(em, base, v);
	if (v->kind == NODE_SEQ) {
		/* Earlier maps win. */
		for (uint32_t i = 0; i < v->seq.n; i++) {
			const node *m = v->seq.v[i];
			if (m->kind != NODE_MAP)
				return emit_fail(em, m, "yaml: map merge requires map or sequence of "
							"maps as the value; %s",
						 "make every item of the \"<<\" list a map");
			if (merge_map(em, base, m))
				return -1;
		}
		return 0;
	}
	return emit_fail(em, v, "yaml: map merge requires map or sequence of maps as the value; "
				"%s", "rename the \"<<\" key or give it a map");
}

static bool entry_before(const struct entry *a, const struct entry *b)
{
	return emit_key_cmp(a->k, a->klen, b->k, b->klen) < 0;
}

/* Merge sort, stable and safe with go-yaml v2's order, which is not
 * transitive for some key sets ("1x" "9x" "10x"): kustomize's own output
 * then depends on Go's map order, so any consistent result will do. */
static void sort_entries(struct emitter *em, struct entry *v, size_t n)
{
	if (n < 2)
		return;
	if (em->tmp_cap < n) {
		free(em->tmp);
		em->tmp_cap = n > 64 ? n : 64;
		em->tmp = malloc(em->tmp_cap * sizeof *em->tmp);
		if (!em->tmp)
			abort();
	}
	for (size_t w = 1; w < n; w *= 2) {
		for (size_t lo = 0; lo + w < n; lo += 2 * w) {
			size_t mid = lo + w, hi = lo + 2 * w < n ? lo + 2 * w : n;
			if (!entry_before(&v[mid], &v[mid - 1]))
				continue;
			size_t i = lo, j = mid, k = 0;
			while (i < mid && j < hi)
				em->tmp[k++] = entry_before(&v[j], &v[i]) ? v[j++] : v[i++];
			while (i < mid)
				em->tmp[k++] = v[i++];
			memcpy(v + lo, em->tmp, k * sizeof *v);
		}
	}
}

/* The map's entries as go-yaml v2 holds them, pushed on em->ent. */
static int collect_entries(struct emitter *em, size_t base, const node *n)
{
	bool merge = false;
	for (uint32_t i = 0; i < n->map.n; i++) {
		const node *k = n->map.v[i].key;
		if (check_key(em, k))
			return -1;
		merge |= is_merge_key(k);
	}
	/* Only "<<" needs the slow path; the keys were checked above. */
	if (merge)
		return merge_map(em, base, n);
	for (uint32_t i = 0; i < n->map.n; i++) {
		const node *k = n->map.v[i].key;
		*push_entry(em) = (struct entry){k, k->str.s, k->str.len, n->map.v[i].val};
	}
	return 0;
}

static int emit_key(struct emitter *em, const struct entry *en)
{
	const char *s;
	size_t len;
	if (clean_string(em, en->key, en->k, en->klen, true, &s, &len))
		return -1;
	return emit_text(em, s, len);
}

/* A mapping's or sequence's start, to yo or as a libyaml event. */
static int collection_start(struct emitter *em, bool seq, bool empty)
{
	if (em->direct) {
		int rc = empty ? yamlout_empty(&em->yo, seq) : yamlout_open(&em->yo, seq);
		return rc == YAMLOUT_OK ? 0 : not_direct(em);
	}
	yaml_event_t ev;
	if (seq)
		yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1, YAML_BLOCK_SEQUENCE_STYLE);
	else
		yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1, YAML_BLOCK_MAPPING_STYLE);
	return emit_event(em, &ev);
}

static int collection_end(struct emitter *em, bool seq, bool empty)
{
	if (em->direct) {
		if (!empty)
			yamlout_close(&em->yo);
		return 0;
	}
	yaml_event_t ev;
	if (seq)
		yaml_sequence_end_event_initialize(&ev);
	else
		yaml_mapping_end_event_initialize(&ev);
	return emit_event(em, &ev);
}

static int emit_map(struct emitter *em, const node *n)
{
	size_t base = em->ent_len;
	int rc = collect_entries(em, base, n);
	size_t cnt = em->ent_len - base;
	if (rc == 0) {
		if (cnt)  /* em->ent is still NULL before the first entry */
			sort_entries(em, em->ent + base, cnt);
		rc = collection_start(em, false, cnt == 0);
	}
	/* Index, not pointer: nested maps may move the stack. */
	for (size_t i = 0; rc == 0 && i < cnt; i++) {
		rc = emit_key(em, &em->ent[base + i]);
		if (rc == 0)
			rc = emit_node(em, em->ent[base + i].val);
	}
	em->ent_len = base;
	return rc ? rc : collection_end(em, false, cnt == 0);
}

static int emit_seq(struct emitter *em, const node *n)
{
	if (collection_start(em, true, n->seq.n == 0))
		return -1;
	for (uint32_t i = 0; i < n->seq.n; i++)
		if (emit_node(em, n->seq.v[i]))
			return -1;
	return collection_end(em, true, n->seq.n == 0);
}

static int emit_node(struct emitter *em, const node *n)
{
	switch ((node_kind)n->kind) {
	case NODE_NULL:
		return emit_scalar(em, "null", 4, YAML_PLAIN_SCALAR_STYLE);
	case NODE_BOOL:
		if (scalar_bool_value(n->str.s, n->str.len))
			return emit_scalar(em, "true", 4, YAML_PLAIN_SCALAR_STYLE);
		return emit_scalar(em, "false", 5, YAML_PLAIN_SCALAR_STYLE);
	case NODE_INT:
	case NODE_FLOAT:
		return emit_number(em, n);
	case NODE_STR:
		return emit_string(em, n);
	case NODE_MAP:
		return emit_map(em, n);
	case NODE_SEQ:
		return emit_seq(em, n);
	}
	return err_set(em->e, "internal error: node of unknown kind %d", n->kind);
}

static int write_out(void *data, unsigned char *bytes, size_t size)
{
	buf_add(data, bytes, size);
	return 1;
}

static int emit_stream(struct emitter *em, const node *doc)
{
	yaml_event_t ev;
	yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING);
	if (emit_event(em, &ev))
		return -1;
	yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1);
	if (emit_event(em, &ev) || emit_node(em, doc))
		return -1;
	yaml_document_end_event_initialize(&ev, 1);
	if (emit_event(em, &ev))
		return -1;
	yaml_stream_end_event_initialize(&ev);
	return emit_event(em, &ev);
}

/* Byte offset of character index ci, walking on from (*c, *b). */
static size_t char_to_byte(const char *s, size_t len, size_t ci, size_t *c, size_t *b)
{
	while (*c < ci && *b < len) {
		unsigned char x = (unsigned char)s[*b];
		*b += x < 0x80 ? 1 : x < 0xE0 ? 2 : x < 0xF0 ? 3 : 4;
		(*c)++;
	}
	return *b;
}

/* Writes scalar text t (one libyaml scalar token) as go-yaml v2 does. */
static void apply_patch(struct emitter *em, const struct patch *p, const char *t, size_t tl,
			buf *dst)
{
	if (p->len) {
		buf_add(dst, em->patch_text.p + p->off, p->len);
		return;
	}
	/* 'text<LS or PS><indentation>' -> 'text<LS or PS>' */
	size_t end = tl - 1;
	while (end > 0 && t[end - 1] == ' ')
		end--;
	buf_add(dst, t, end);
	buf_addc(dst, t[tl - 1]);
}

/* Rewrites the scalars in em->patches, found by reading the document
 * (out from start) back with libyaml's parser. */
static int apply_patches(struct emitter *em, size_t start)
{
	const char *s = em->out->p + start;
	size_t len = em->out->len - start;
	yaml_parser_t p;
	yaml_event_t ev;
	buf res = BUF_INIT;
	size_t next = 0, ordinal = 0, done = 0, ci = 0, bi = 0;
	int rc = 0;
	if (!yaml_parser_initialize(&p))
		abort();
	yaml_parser_set_input_string(&p, (const unsigned char *)s, len);
	while (next < em->npatches) {
		if (!yaml_parser_parse(&p, &ev)) {
			rc = err_set(em->e, "internal error: cannot read back printed YAML: %s",
				     p.problem ? p.problem : "unknown");
			break;
		}
		int type = ev.type;
		if (type == YAML_SCALAR_EVENT && ordinal++ == em->patches[next].ordinal) {
			size_t from = char_to_byte(s, len, ev.start_mark.index, &ci, &bi);
			size_t to = char_to_byte(s, len, ev.end_mark.index, &ci, &bi);
			buf_add(&res, s + done, from - done);
			apply_patch(em, &em->patches[next], s + from, to - from, &res);
			done = to;
			next++;
		}
		yaml_event_delete(&ev);
		if (type == YAML_STREAM_END_EVENT)
			break;
	}
	yaml_parser_delete(&p);
	if (rc == 0) {
		buf_add(&res, s + done, len - done);
		em->out->len = start;
		buf_add(em->out, res.p, res.len);
	}
	buf_free(&res);
	return rc;
}

/* yo's try at the document: 0 done, -1 an error (the same libyaml would
 * meet), 1 for libyaml to print it, with nothing of the try left in out. */
static int emit_direct(struct emitter *em, const node *doc)
{
	size_t start = em->out->len;
	em->direct = true;
	em->other = false;
	em->ordinal = em->npatches = 0;
	em->keep_plus = false;
	yamlout_begin(&em->yo, em->out);
	int rc = emit_node(em, doc);
	em->direct = false;
	/* Patches rewrite what libyaml wrote; yo never needs them. */
	if (rc == 0 && em->npatches == 0) {
		yamlout_end(&em->yo);
		return 0;
	}
	em->out->len = start;
	if (em->out->p)
		em->out->p[start] = 0;
	em->ent_len = 0;
	return rc && !em->other ? -1 : 1;
}

static int emit_one(struct emitter *em, const node *doc)
{
	if (em->via != EMIT_LIBYAML) {
		int rc = emit_direct(em, doc);
		if (rc <= 0)
			return rc;
		if (em->via == EMIT_YAMLOUT_ONLY)
			return err_set(em->e, "not printed: yamlout leaves this document to "
					      "libyaml");
	}
	size_t start = em->out->len;
	em->ordinal = em->npatches = 0;
	em->keep_plus = false;
	buf_reset(&em->patch_text);
	if (!yaml_emitter_initialize(&em->y))
		abort();
	yaml_emitter_set_output(&em->y, write_out, em->out);
	yaml_emitter_set_unicode(&em->y, 1);
	yaml_emitter_set_width(&em->y, 80);
	yaml_emitter_set_indent(&em->y, 2);
	int rc = emit_stream(em, doc);
	yaml_emitter_delete(&em->y);
	/* libyaml closes a document ending in a |+ block with "..."; go-yaml
	 * v2 does not. */
	size_t n = em->out->len - start;
	if (rc == 0 && em->keep_plus && n >= 5 &&
	    !memcmp(em->out->p + em->out->len - 5, "\n...\n", 5))
		em->out->len -= 4;
	if (rc == 0 && em->npatches)
		rc = apply_patches(em, start);
	if (rc)
		em->out->len = start;
	if (em->out->p)
		em->out->p[em->out->len] = 0;
	return rc;
}

static void emitter_done(struct emitter *em)
{
	buf_free(&em->text);
	buf_free(&em->sub);
	buf_free(&em->patch_text);
	free(em->ent);
	free(em->tmp);
	free(em->patches);
	yamlout_free(&em->yo);
}

int emit_doc(buf *out, const node *doc, err *e)
{
	struct emitter em = {.out = out, .e = e};
	int rc = emit_one(&em, doc);
	emitter_done(&em);
	return rc;
}

int emit_docs(buf *out, node *const *docs, size_t n, err *e)
{
	return emit_docs_via(out, docs, n, EMIT_DIRECT, e);
}

int emit_docs_via(buf *out, node *const *docs, size_t n, emit_via via, err *e)
{
	struct emitter em = {.out = out, .e = e, .via = via};
	size_t start = out->len;
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < n; i++) {
		if (i)
			buf_add(out, "---\n", 4);
		rc = emit_one(&em, docs[i]);
	}
	if (rc) {
		out->len = start;
		if (out->p)
			out->p[start] = 0;
	}
	emitter_done(&em);
	return rc;
}
